import type { StackIssue } from '@idp-stack/plugin-stack-common';
import { InputError, NotFoundError } from '@backstage/errors';

/**
 * Why an entity has no stack.yaml to show. Subclasses keep Backstage's error
 * names (the error handler answers 404 and 400 by name) and carry their data
 * as own fields, which `serializeError` puts into the error body, where
 * `stackUnavailableOf` (stack-common) reads `reason` and `issues`.
 */
export class StackFileNotFoundError extends NotFoundError {
  constructor(readonly reason: 'no-annotation' | 'no-file', message: string) {
    super(message);
  }
}

/** The entity's stack.yaml is there but invalid: 400 with every issue. */
export class StackFileInvalidError extends InputError {
  readonly reason = 'invalid' as const;

  constructor(message: string, readonly issues: StackIssue[]) {
    super(message);
  }
}
