import { githubStatus } from './githubError';

/**
 * Repeats `fn` while GitHub answers 404 for a repository it has just created
 * (its API is eventually consistent: backstage #8263, #30069, #33809).
 * Bounded: after `retries` extra attempts the 404 is thrown.
 */
export async function withConsistencyRetry<T>(
  fn: () => Promise<T>,
  options: { enabled: boolean; retries: number; baseDelayMs: number },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (
        !options.enabled ||
        githubStatus(error) !== 404 ||
        attempt >= options.retries
      ) {
        throw error;
      }
      await new Promise(r =>
        setTimeout(r, options.baseDelayMs * (attempt + 1) ** 2),
      );
    }
  }
}
