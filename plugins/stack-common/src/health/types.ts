/**
 * API types of the stack backend plugin (plugin id `stack`): deployment
 * health per environment from Argo CD and build status from GitHub Actions.
 * Shared by `@idp-stack/plugin-stack-backend` and the frontend through this
 * package so both sides compile against one contract.
 */

/** Argo CD `status.sync.status` of an Application. */
export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown';

/** Argo CD `status.health.status` of an Application or resource. */
export type HealthStatusCode =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** Argo CD `status.operationState.phase`. */
export type OperationPhase =
  | 'Running'
  | 'Terminating'
  | 'Failed'
  | 'Error'
  | 'Succeeded';

/** Why data from one upstream (an Argo CD instance or GitHub) is missing or old. */
export type UpstreamErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'not-found'
  | 'conflict'
  | 'rejected'
  | 'bad-response';

/** A failure of one upstream, with a message a person can act on. */
export interface UpstreamError {
  kind: UpstreamErrorKind;
  message: string;
}

/** Marks data served from the last successful fetch because the latest one failed. */
export interface StaleMarker {
  /** ISO time of the last successful fetch the data comes from. */
  fetchedAt: string;
  /** Seconds between that fetch and the response. */
  ageSeconds: number;
}

/** Freshness of one Argo CD instance's data in a response. */
export interface InstanceStatus {
  instance: string;
  /** ISO time of the fetch the data comes from; absent when never fetched. */
  fetchedAt?: string;
  ageSeconds?: number;
  /** True when the latest fetch failed and older data is served. */
  stale: boolean;
  /** True before the first refresh of this instance has finished (cold start): no data yet, not an error. */
  loading?: boolean;
  /** The latest fetch's failure, if any. */
  error?: UpstreamError;
}

/** A managed resource that is out of sync or not healthy. */
export interface ResourceIssue {
  group?: string;
  kind: string;
  namespace?: string;
  name: string;
  syncStatus?: SyncStatusCode;
  healthStatus?: HealthStatusCode;
  message?: string;
}

/**
 * Who started a sync: Argo CD's `OperationInitiator`. Absent where Argo CD did
 * not record one (history entries written by Argo CD versions before it kept
 * `initiatedBy` there, or an empty initiator).
 */
export interface SyncInitiator {
  /** The Argo CD user (local account or SSO subject) who started it. */
  username?: string;
  /** True when the application controller started it (automated sync policy). */
  automated: boolean;
}

/** The result of the last finished (or running) sync operation. */
export interface LastSync {
  phase: OperationPhase;
  startedAt?: string;
  finishedAt?: string;
  revision?: string;
  message?: string;
  initiatedBy?: SyncInitiator;
}

/** A sync operation that is running right now. */
export interface OperationInProgress {
  phase: 'Running' | 'Terminating';
  startedAt?: string;
  message?: string;
  initiatedBy?: SyncInitiator;
}

/** One entry of an Application's `status.history` (newest first here). */
export interface DeploymentHistoryEntry {
  id: number;
  revision: string;
  deployedAt?: string;
  deployStartedAt?: string;
  initiatedBy?: SyncInitiator;
}

/** The state of one Argo CD Application (one repo in one environment on one instance). */
export interface ApplicationHealth {
  instance: string;
  /** Application `metadata.name`, e.g. `payments-api-dev`. */
  name: string;
  /** Namespace of the Application object in the Argo CD cluster. */
  namespace?: string;
  environment: string;
  project?: string;
  /** Link to the Application in the Argo CD UI. */
  url?: string;
  syncStatus: SyncStatusCode;
  healthStatus: HealthStatusCode;
  healthMessage?: string;
  /** Revision (commit SHA) the environment runs: `status.sync.revision`. */
  revision?: string;
  lastSync?: LastSync;
  operationInProgress?: OperationInProgress;
  /** Resources that are out of sync or not healthy. */
  resourceIssues: ResourceIssue[];
  /** Recent deployments, newest first. */
  history: DeploymentHistoryEntry[];
  /** Set when this Application comes from an instance whose latest fetch failed. */
  stale?: StaleMarker;
}

/** One environment of an entity: usually one Application, more when several instances deploy it. */
export interface EnvironmentHealth {
  environment: string;
  /** Worst sync status over the Applications. */
  syncStatus: SyncStatusCode;
  /** Worst health status over the Applications. */
  healthStatus: HealthStatusCode;
  applications: ApplicationHealth[];
}

/** Response of `GET /health/:kind/:namespace/:name`. */
export interface EntityHealth {
  entityRef: string;
  /** Environments in the order dev, stage, prod, then others alphabetically. */
  environments: EnvironmentHealth[];
  /** Every configured Argo CD instance: freshness and errors. */
  instances: InstanceStatus[];
  /** True when any instance's data is stale or missing. */
  partial: boolean;
  generatedAt: string;
}

/** The most entity refs one `POST /health/batch` takes; clients split above it. */
export const HEALTH_BATCH_LIMIT = 100;

/** Body of `POST /health/batch`. At most {@link HEALTH_BATCH_LIMIT} refs. */
export interface HealthBatchRequest {
  entityRefs: string[];
}

/** One entity of a batch: its health, or why there is none (an unreadable entity is `NotFoundError`). */
export type HealthBatchItem =
  | { entityRef: string; health: EntityHealth }
  | { entityRef: string; error: { name: string; message: string } };

/** Response of `POST /health/batch`, items in request order. */
export interface HealthBatchResponse {
  items: HealthBatchItem[];
  instances: InstanceStatus[];
}

/** GitHub Actions `status` of a workflow run. */
export type BuildStatus =
  | 'queued'
  | 'in_progress'
  | 'completed'
  | 'waiting'
  | 'requested'
  | 'pending';

/** GitHub Actions `conclusion` of a completed workflow run. */
export type BuildConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure';

/** One GitHub Actions workflow run. */
export interface BuildRun {
  id: number;
  workflowName: string;
  /** Workflow file, e.g. `.github/workflows/api.yaml`. */
  workflowPath?: string;
  runNumber: number;
  event: string;
  status: BuildStatus;
  conclusion: BuildConclusion | null;
  branch: string | null;
  /** The commit the run built (`head_sha`). */
  commit: string;
  commitMessage?: string;
  startedAt?: string;
  updatedAt?: string;
  /** Seconds from start to last update; absent while not started. */
  durationSeconds?: number;
  url: string;
  /** Environments whose deployed revision is this run's commit. */
  deployedIn: string[];
}

/** The revision each environment runs, as seen by Argo CD. */
export interface DeployedRevision {
  environment: string;
  instance: string;
  revision?: string;
}

/** Response of `GET /builds/:kind/:namespace/:name`. */
export interface EntityBuilds {
  entityRef: string;
  /** `owner/repo` from `github.com/project-slug`. */
  repository: string;
  /** Set for a monorepo component: only workflows matching it are listed. */
  component?: string;
  runs: BuildRun[];
  environments: DeployedRevision[];
  /** Set when GitHub failed and the last known runs are served. */
  stale?: StaleMarker;
  error?: UpstreamError;
  generatedAt: string;
}

/** Body of `POST /actions/sync` and `POST /actions/refresh`. */
export interface ApplicationActionRequest {
  entityRef: string;
  environment: string;
  /** Needed only when several instances deploy the environment. */
  instance?: string;
}

/** Response of `POST /actions/sync` and `POST /actions/refresh`. */
export interface ApplicationActionResponse {
  instance: string;
  application: string;
  action: 'sync' | 'refresh';
  accepted: boolean;
}

/**
 * Response of `GET /capabilities`: what this portal's configuration lets the
 * golden paths do, so a first run can say what is missing before the last step.
 */
export interface StackCapabilities {
  publishing: {
    /** `integrations.github` hosts with a token or a GitHub App: where templates can publish. */
    githubHosts: string[];
  };
}
