/**
 * Loose stacks: repositories, Argo CD Applications and catalog entities that
 * have drifted apart, so something runs that nobody manages or a repository
 * deploys nothing. `GET /api/stack/loose` answers `LooseStacksResponse`.
 */

/** Why an item is loose. */
export type LooseCause =
  /** An Application runs, but its repository no longer carries the `idp-managed` topic. */
  | 'topic-removed'
  /** An Application runs, but its repository is archived (the SCM provider skips archived repositories). */
  | 'repository-archived'
  /** An Application runs, but its repository is gone from the organisation (deleted or renamed). */
  | 'repository-missing'
  /** A tagged repository without `deploy/overlays/dev`: the ApplicationSet's `pathsExist` filter skips it. */
  | 'missing-dev-overlay'
  /** A tagged repository without an `idp-system-<system>` topic: its Applications land in the locked `default` project. */
  | 'no-system-topic'
  /** A tagged repository whose system's registry entry (`argocd/systems/<system>.yaml`) does not list it. */
  | 'not-registered'
  /** Argo CD refused the Application: its AppProject does not permit the repository or destination. */
  | 'refused-by-project'
  /** A tagged repository whose name is not normalised; it would collide with another repository's Applications. */
  | 'name-collision'
  /** A tagged repository whose name is not normalised (lower-case DNS label of at most 57): the ApplicationSet skips it. */
  | 'name-not-normalised'
  /** The ApplicationSet reports an error (e.g. duplicate Application names): some Applications are not generated. */
  | 'applicationset-error'
  /** A catalog entity with stack annotations whose repository has no Application. */
  | 'no-application';

/** Where a person fixes it. */
export interface LooseFix {
  title: string;
  /** Absolute (GitHub, Argo CD) or portal-relative (`/create/...`) URL. */
  url: string;
}

export interface LooseStack {
  cause: LooseCause;
  /** One sentence for people: what is loose and why. */
  reason: string;
  fix: LooseFix;
  /** `owner/name` of the repository, when the item concerns one. */
  repository?: string;
  /** The system the repository or Application claims (topic or label). */
  system?: string;
  /** Application names (with their instance) involved, when any. */
  applications?: Array<{ instance: string; name: string; url?: string }>;
  /** Catalog entities the item belongs to (the repository's components, the system). */
  entityRefs: string[];
}

/** A source that could not be read: the answer is partial. */
export interface LooseSourceError {
  source: string;
  message: string;
}

export interface LooseStacksResponse {
  items: LooseStack[];
  /** Sources that failed; their causes are missing from `items`. */
  errors: LooseSourceError[];
  /** When the underlying report was computed (ISO 8601). */
  generatedAt: string;
}

/** `GET /loose?system=` must be a system name (DNS label, at most 39). */
export const LOOSE_SYSTEM_PATTERN = /^[a-z0-9]([-a-z0-9]{0,37}[a-z0-9])?$/;
