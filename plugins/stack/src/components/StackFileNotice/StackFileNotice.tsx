import Typography from '@material-ui/core/Typography';
import type {
  StackUnavailable,
  StackUnavailableReason,
} from '@idp-stack/plugin-stack-common';

const WHY: Record<StackUnavailableReason, (u: StackUnavailable) => string> = {
  'no-annotation': () => 'the entity names no repository',
  'no-file': () => 'the repository has no stack.yaml',
  invalid: u =>
    `stack.yaml is invalid (${u.issues?.length ?? 0} issue${
      u.issues?.length === 1 ? '' : 's'
    })`,
  error: () => 'stack.yaml could not be read',
};

/**
 * A one-line note per repo whose stack.yaml is not drawn, naming why: the
 * graph from catalog relations stays usable, so this is no error panel.
 */
export function StackFileNotice({
  unavailable,
}: {
  unavailable: StackUnavailable[];
}) {
  if (unavailable.length === 0) return null;
  return (
    <div data-testid="stack-file-notice" role="note">
      {unavailable.map(u => (
        <Typography
          key={`${u.reason}|${u.message}`}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          Sub-components from stack.yaml not shown: {WHY[u.reason](u)}. Details:{' '}
          {u.message}
        </Typography>
      ))}
    </div>
  );
}
