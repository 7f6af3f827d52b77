import type { Stack } from '../schema/stackSchema';
import type { StackIssue } from '../validation/issues';

/**
 * `GET /api/stack/stack/:kind/:namespace/:name`: the stack description
 * (`stack.yaml`) of the repository an entity comes from, validated.
 */
export interface EntityStack {
  entityRef: string;
  /** URL the stack.yaml was read from. */
  location: string;
  stack: Stack;
  /** With `?at=head`: the commit the file was read at. */
  commitSha?: string;
}

/** Why an entity's stack.yaml could not be used. */
export type StackUnavailableReason =
  /** The entity names no repository (`backstage.io/source-location` or `github.com/project-slug`). */
  | 'no-annotation'
  /** The repository has no stack.yaml at the expected path. */
  | 'no-file'
  /** The file exists but fails validation; `issues` says where. */
  | 'invalid'
  /** Anything else: entity not found, upstream down, network. */
  | 'error';

/**
 * Extra fields of the backend's error body (`{ error: { name, message, ...} }`)
 * for an unavailable stack.yaml.
 */
export interface StackUnavailableDetails {
  reason: StackUnavailableReason;
  issues?: StackIssue[];
}

/** What a client shows instead of the stack when it is unavailable. */
export interface StackUnavailable extends StackUnavailableDetails {
  message: string;
}
