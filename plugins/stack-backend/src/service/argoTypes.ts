/**
 * The parts of Argo CD's `v1alpha1.Application` (as returned by
 * `GET /api/v1/applications`) the plugin reads.
 */
export interface ArgoResourceStatus {
  group?: string;
  version?: string;
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string; message?: string };
}

/**
 * `v1alpha1.OperationInitiator`: `{ username }` for a sync a user started,
 * `{ automated: true }` for one the application controller started. Go encodes
 * an unset one as `{}`; history entries of older Argo CD versions lack it.
 */
export interface ArgoOperationInitiator {
  username?: string;
  automated?: boolean;
}

export interface ArgoApplication {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
  };
  spec?: {
    project?: string;
    destination?: { namespace?: string };
  };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    operationState?: {
      phase?: string;
      message?: string;
      startedAt?: string;
      finishedAt?: string;
      syncResult?: { revision?: string };
      operation?: {
        sync?: { revision?: string };
        initiatedBy?: ArgoOperationInitiator;
      };
    };
    history?: Array<{
      id: number;
      revision?: string;
      deployedAt?: string;
      deployStartedAt?: string;
      initiatedBy?: ArgoOperationInitiator;
    }>;
    resources?: ArgoResourceStatus[];
    /**
     * `v1alpha1.ApplicationCondition`s, e.g. `InvalidSpecError` "application
     * repo <url> is not permitted in project '<p>'" (util/argo/argo.go
     * ValidatePermissions).
     */
    conditions?: ArgoCondition[];
  };
}

export interface ArgoCondition {
  type: string;
  message?: string;
  lastTransitionTime?: string;
}

/** `GET /api/v1/applications` answer (`v1alpha1.ApplicationList`). */
export interface ArgoApplicationList {
  metadata?: { resourceVersion?: string };
  items: ArgoApplication[] | null;
}

/**
 * The projection asked of Argo CD: only what the plugin maps. A path keeps its
 * whole subtree, so `operationState` and `history` carry `initiatedBy`.
 */
export const APPLICATION_FIELDS = [
  'metadata.resourceVersion',
  'items.metadata.name',
  'items.metadata.namespace',
  'items.metadata.labels',
  'items.spec.project',
  'items.spec.destination.namespace',
  'items.status.sync',
  'items.status.health',
  'items.status.operationState',
  'items.status.history',
  'items.status.resources',
  'items.status.conditions',
].join(',');

/**
 * `v1alpha1.ApplicationSet` as `GET /api/v1/applicationsets` lists it: the
 * controller reports generation and validation failures as conditions
 * (`type: ErrorOccurred`, `status: "True"`, `reason:
 * ApplicationValidationError`, message e.g. "ApplicationSet workloads
 * contains applications with duplicate name: x"; applicationset_controller.go).
 */
export interface ArgoApplicationSet {
  metadata: { name: string; namespace?: string };
  status?: {
    conditions?: Array<{
      type: string;
      status: string;
      reason?: string;
      message?: string;
      lastTransitionTime?: string;
    }>;
  };
}

/** `GET /api/v1/applicationsets` answer (`v1alpha1.ApplicationSetList`); Go encodes an empty list as `items: null`. */
export interface ArgoApplicationSetList {
  metadata?: { resourceVersion?: string };
  items: ArgoApplicationSet[] | null;
}
