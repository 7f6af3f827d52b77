import type {
  ApplicationHealth,
  HealthStatusCode,
  OperationPhase,
  ResourceIssue,
  SyncStatusCode,
} from '@idp-stack/plugin-stack-common';
import { ArgoApplication } from './argoTypes';
import { toSyncInitiator } from './toSyncInitiator';

export const ENVIRONMENT_LABEL = 'idp.platform/environment';
const ENV_SUFFIX = /-(dev|stage|prod)$/;

const SYNC: readonly string[] = ['Synced', 'OutOfSync', 'Unknown'];
const HEALTH: readonly string[] = [
  'Healthy',
  'Progressing',
  'Degraded',
  'Suspended',
  'Missing',
  'Unknown',
];

function syncCode(s?: string): SyncStatusCode {
  return (s && SYNC.includes(s) ? s : 'Unknown') as SyncStatusCode;
}
function healthCode(s?: string): HealthStatusCode {
  return (s && HEALTH.includes(s) ? s : 'Unknown') as HealthStatusCode;
}

/** Environment of an Application: its label, else the `<repo>-<env>` name suffix. */
export function environmentOf(app: ArgoApplication): string {
  return (
    app.metadata.labels?.[ENVIRONMENT_LABEL] ??
    ENV_SUFFIX.exec(app.metadata.name)?.[1] ??
    app.spec?.destination?.namespace ??
    'unknown'
  );
}

function resourceIssues(app: ArgoApplication): ResourceIssue[] {
  return (app.status?.resources ?? [])
    .filter(
      r =>
        (r.status && r.status !== 'Synced') ||
        (r.health?.status && r.health.status !== 'Healthy'),
    )
    .map(r => ({
      group: r.group || undefined,
      kind: r.kind,
      namespace: r.namespace || undefined,
      name: r.name,
      syncStatus: r.status ? syncCode(r.status) : undefined,
      healthStatus: r.health?.status ? healthCode(r.health.status) : undefined,
      message: r.health?.message,
    }));
}

// While a sync runs, operationState describes it; the last finished one is the newest history entry.
function lastDeployment(history: ApplicationHealth['history']) {
  const h = history[0];
  return h
    ? {
        phase: 'Succeeded' as const,
        startedAt: h.deployStartedAt,
        finishedAt: h.deployedAt,
        revision: h.revision,
        initiatedBy: h.initiatedBy,
      }
    : undefined;
}

/** Maps one Argo CD Application to the API shape, once per list call (not per request). */
export function toApplicationHealth(
  app: ArgoApplication,
  instance: { name: string; uiUrl: string },
  historyLimit: number,
): ApplicationHealth {
  const op = app.status?.operationState;
  const phase = op?.phase as OperationPhase | undefined;
  const running = phase === 'Running' || phase === 'Terminating';
  const history = [...(app.status?.history ?? [])]
    .sort((a, b) => b.id - a.id)
    .slice(0, historyLimit)
    .map(h => ({
      id: h.id,
      revision: h.revision ?? '',
      deployedAt: h.deployedAt,
      deployStartedAt: h.deployStartedAt,
      initiatedBy: toSyncInitiator(h.initiatedBy),
    }));
  const initiatedBy = toSyncInitiator(op?.operation?.initiatedBy);
  const ns = app.metadata.namespace;
  return {
    instance: instance.name,
    name: app.metadata.name,
    namespace: ns,
    environment: environmentOf(app),
    project: app.spec?.project,
    url: `${instance.uiUrl}/applications/${ns ? `${ns}/` : ''}${
      app.metadata.name
    }`,
    syncStatus: syncCode(app.status?.sync?.status),
    healthStatus: healthCode(app.status?.health?.status),
    healthMessage: app.status?.health?.message,
    revision: app.status?.sync?.revision,
    lastSync:
      op && phase && !running
        ? {
            phase,
            startedAt: op.startedAt,
            finishedAt: op.finishedAt,
            revision: op.syncResult?.revision ?? op.operation?.sync?.revision,
            message: op.message,
            initiatedBy,
          }
        : lastDeployment(history),
    operationInProgress: running
      ? { phase, startedAt: op?.startedAt, message: op?.message, initiatedBy }
      : undefined,
    resourceIssues: resourceIssues(app),
    history,
  };
}
