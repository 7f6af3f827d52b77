import { CustomErrorBase } from '@backstage/errors';
import { withCause } from '@idp-stack/plugin-stack-node';

/**
 * The same kind of error with more said: a new instance, because the task log
 * prints the stack, which an error computes from its message when created.
 * The cause is kept (what GitHub answered, as an Octokit error), as `cause`
 * beside the message rather than appended to it.
 */
export function withSuffix(error: unknown, suffix: string): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const message = `${original.message}${suffix}`;
  const cause = original.cause ?? original;
  if (original instanceof CustomErrorBase) {
    const Kind = original.constructor as new (message: string) => Error;
    return withCause(new Kind(message), cause);
  }
  const copy = new Error(message, { cause });
  copy.name = original.name;
  return copy;
}
