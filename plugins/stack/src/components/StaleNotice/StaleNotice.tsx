import Alert from '@material-ui/lab/Alert';
import type { InstanceStatus } from '@internal/plugin-stack-common';
import { formatAge } from '../../lib/formatAge';

export interface StaleNoticeProps {
  /** Freshness of every Argo CD instance (or the GitHub source) in the response. */
  instances: InstanceStatus[];
}

/**
 * Says which source is stale or failing, how old its data is and why, so a
 * partial answer is never mistaken for a current one.
 */
export function StaleNotice({ instances }: StaleNoticeProps) {
  const troubled = instances.filter(i => i.stale || i.error);
  if (troubled.length === 0) return null;
  return (
    <>
      {troubled.map(i => {
        const age =
          i.ageSeconds !== undefined ? `${formatAge(i.ageSeconds)} old` : 'never fetched';
        const reason = i.error ? `: ${i.error.message}` : '';
        return (
          <Alert key={i.instance} severity="warning" data-testid="stack-stale-notice">
            {`Data from ${i.instance} is stale (${age})${reason}`}
          </Alert>
        );
      })}
    </>
  );
}
