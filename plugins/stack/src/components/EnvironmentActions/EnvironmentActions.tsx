import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DEFAULT_APPROVAL_ENVIRONMENTS,
  StackHealthApiError,
  stackActionPermission,
} from '@idp-stack/plugin-stack-common';
import { stackApiRef } from '../../api/stackApiRef';

type Action = 'sync' | 'refresh';
const label: Record<Action, string> = { sync: 'Sync', refresh: 'Refresh' };

export interface EnvironmentActionsProps {
  /** The entity whose Application is acted on; the permission's resource. */
  entityRef: string;
  environment: string;
  /** Environments whose sync needs an approver; the backend's `stack.actions.approvalEnvironments`. */
  approvalEnvironments?: readonly string[];
}

/** Why a button is off, in words a person can act on. */
function reasonFor(action: Action, environment: string, approval: boolean) {
  if (action === 'refresh') {
    return `Only the owners of this service can refresh ${environment}.`;
  }
  return approval
    ? `Syncing ${environment} needs an approver who owns this service.`
    : `Only the owners of this service can sync ${environment}.`;
}

function outcome(action: Action, e: unknown): { tone: 'error'; text: string } {
  if (e instanceof StackHealthApiError && e.status === 403) {
    return { tone: 'error', text: `${action} refused: ${e.message}` };
  }
  return {
    tone: 'error',
    text: `${action} failed: ${e instanceof Error ? e.message : String(e)}`,
  };
}

/**
 * Sync and refresh of one environment of one service. Each button follows
 * the permission decision for this entity (`usePermission` with its ref,
 * the same resource permission the backend checks), says why when it is
 * off, asks for confirmation before a sync that needs approval, and shows
 * what happened next to the buttons.
 */
export function EnvironmentActions({
  entityRef,
  environment,
  approvalEnvironments = DEFAULT_APPROVAL_ENVIRONMENTS,
}: EnvironmentActionsProps) {
  const api = useApi(stackApiRef);
  const approval = approvalEnvironments.includes(environment);
  const permissions = {
    sync: usePermission({
      permission: stackActionPermission('sync', approval),
      resourceRef: entityRef,
    }),
    refresh: usePermission({
      permission: stackActionPermission('refresh', approval),
      resourceRef: entityRef,
    }),
  };
  const [running, setRunning] = useState<Action>();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<{
    tone: 'success' | 'error';
    text: string;
  }>();

  async function run(action: Action) {
    setConfirming(false);
    setRunning(action);
    setResult(undefined);
    try {
      const res = await api[action]({ entityRef, environment });
      setResult({
        tone: 'success',
        text: `${label[action]} of ${res.application} on ${res.instance} started`,
      });
    } catch (e) {
      setResult(outcome(action, e));
    } finally {
      setRunning(undefined);
    }
  }

  const reasons = (['sync', 'refresh'] as const)
    .filter(a => !permissions[a].loading && !permissions[a].allowed)
    .map(a => reasonFor(a, environment, approval));

  return (
    <Box display="flex" flexDirection="column" gridGap={4} mt={1}>
      <Box display="flex" gridGap={8}>
        {(['sync', 'refresh'] as const).map(action => (
          <Button
            key={action}
            size="small"
            variant="outlined"
            color={action === 'sync' ? 'primary' : 'default'}
            disabled={!permissions[action].allowed || running !== undefined}
            aria-label={`${label[action]} ${environment}`}
            onClick={() =>
              action === 'sync' && approval ? setConfirming(true) : run(action)
            }
          >
            {running === action ? `${label[action]}ing…` : label[action]}
          </Button>
        ))}
      </Box>
      {reasons.map(reason => (
        <Typography key={reason} variant="caption" color="textSecondary">
          {reason}
        </Typography>
      ))}
      {result ? (
        <Typography
          variant="caption"
          role="status"
          color={result.tone === 'error' ? 'error' : 'textPrimary'}
        >
          {result.text}
        </Typography>
      ) : null}
      <Dialog open={confirming} onClose={() => setConfirming(false)}>
        <DialogTitle>Sync {environment}?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            This deploys the revision in git to {environment} now. {environment}{' '}
            needs manual approval: you are acting as an approver.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            color="primary"
            variant="contained"
            onClick={() => run('sync')}
          >
            Confirm sync of {environment}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
