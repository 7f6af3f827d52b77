import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DEFAULT_APPROVAL_ENVIRONMENTS,
  stackPromoteApprovedPermission,
  stackPromotePermission,
  type BuildRun,
  type PromotionResponse,
} from '@idp-stack/plugin-stack-common';
import { stackApiRef } from '../../api/stackApiRef';
import { ExternalLink } from '../ExternalLink';

/** Where a build goes next: stage after dev, prod after stage; nothing after prod. */
export function nextEnvironment(run: BuildRun): 'stage' | 'prod' | undefined {
  if (run.deployedIn.includes('prod')) return undefined;
  return run.deployedIn.includes('stage') ? 'prod' : 'stage';
}

/**
 * Promotes one successful build to its next environment: the backend opens
 * a pull request changing only that environment's image pins; the link to it
 * replaces the button. Follows the same permission the backend checks.
 */
export function PromoteButton({
  entityRef,
  run,
  approvalEnvironments = DEFAULT_APPROVAL_ENVIRONMENTS,
}: {
  entityRef: string;
  run: BuildRun;
  approvalEnvironments?: readonly string[];
}) {
  const api = useApi(stackApiRef);
  const target = nextEnvironment(run);
  const permission = usePermission({
    permission:
      target && approvalEnvironments.includes(target)
        ? stackPromoteApprovedPermission
        : stackPromotePermission,
    resourceRef: entityRef,
  });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PromotionResponse>();
  const [error, setError] = useState<string>();
  if (
    !api.promote ||
    run.status !== 'completed' ||
    run.conclusion !== 'success' ||
    !target
  )
    return <>—</>;
  const promote = api.promote.bind(api);
  if (result)
    return (
      <ExternalLink href={result.pullRequest.url}>
        PR #{result.pullRequest.number} to {result.environment}
      </ExternalLink>
    );
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        disabled={busy || permission.loading || !permission.allowed}
        title={
          permission.allowed
            ? `Open a pull request pinning this build in ${target}`
            : `Promoting to ${target} needs ${
                approvalEnvironments.includes(target)
                  ? 'an approver who owns'
                  : 'an owner of'
              } this service`
        }
        onClick={async () => {
          setBusy(true);
          setError(undefined);
          try {
            setResult(
              await promote({ entityRef, runId: run.id, environment: target }),
            );
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        Promote to {target}
      </Button>
      {error ? (
        <Typography
          variant="caption"
          color="error"
          role="alert"
          display="block"
        >
          {error}
        </Typography>
      ) : null}
    </>
  );
}
