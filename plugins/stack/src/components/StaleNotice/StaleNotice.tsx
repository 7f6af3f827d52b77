import type { InstanceStatus } from '@idp-stack/plugin-stack-common';
import { formatAge } from '../../lib/formatAge';
import { Notice } from '../Notice';

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
          i.ageSeconds !== undefined
            ? `${formatAge(i.ageSeconds)} old`
            : 'never fetched';
        return (
          <Notice
            key={i.instance}
            data-testid="stack-stale-notice"
            title={`Data from ${i.instance} is stale (${age})`}
            message={i.error?.message}
          />
        );
      })}
    </>
  );
}
