import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

type OctokitLikeError = {
  status?: number;
  message?: string;
  response?: {
    headers?: Record<string, string | undefined>;
    data?: {
      message?: string;
      errors?: Array<
        { message?: string; field?: string; code?: string } | string
      >;
    };
  };
};

/** The HTTP status of an Octokit error, if it is one. */
export function githubStatus(error: unknown): number | undefined {
  const status = (error as OctokitLikeError)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Turns an Octokit failure into a Backstage error that says what we were
 * doing, to which repository, and what GitHub answered.
 */
export function githubError(error: unknown, doing: string): Error {
  const status = githubStatus(error);
  if (status === undefined) {
    return error instanceof Error ? error : new Error(String(error));
  }
  const e = error as OctokitLikeError;
  const details = (e.response?.data?.errors ?? [])
    .map(d =>
      typeof d === 'string'
        ? d
        : [d.field, d.code, d.message].filter(Boolean).join(' '),
    )
    .filter(Boolean);
  const answer = `${e.response?.data?.message ?? e.message ?? ''}${
    details.length ? ` (${details.join('; ')})` : ''
  }`;
  const text = `GitHub answered ${status} while trying to ${doing}: ${answer}`;
  if (status === 401) {
    return new NotAllowedError(
      `${text}; check the token or GitHub App in integrations.github`,
    );
  }
  if (status === 403 || status === 429) {
    const limited =
      status === 429 || e.response?.headers?.['x-ratelimit-remaining'] === '0';
    return limited
      ? new ServiceUnavailableError(
          `${text}; the rate limit was still exhausted after the bounded retries`,
        )
      : new NotAllowedError(text);
  }
  if (status === 404) return new NotFoundError(text);
  if (status === 409) return new ConflictError(text);
  if (status === 422) return new InputError(text);
  if (status >= 500) {
    return new ServiceUnavailableError(
      `${text}; still failing after the bounded retries`,
    );
  }
  return new Error(text);
}

/**
 * The same kind of error with more said: a new instance, because the task log
 * prints the stack, which an error computes from its message when created.
 */
export function withSuffix(error: unknown, suffix: string): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const Kind = original.constructor as new (message: string) => Error;
  return new Kind(`${original.message}${suffix}`);
}
