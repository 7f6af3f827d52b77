import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type {
  UpstreamError,
  UpstreamErrorKind,
} from '@idp-stack/plugin-stack-common';

/** What an upstream answered, as far as the classification needs it. */
export interface UpstreamAnswer {
  /** Who answered, e.g. `GitHub (github.com)` or `Argo CD instance "main"`. */
  upstream: string;
  status: number;
  /** Response header by lower-case name. */
  header(name: string): string | undefined;
  /** What the upstream said (its error message), already shortened. */
  detail?: string;
  /** What we were doing, e.g. `create repository acme/api`. */
  doing?: string;
  /** What the operator should check on a 401 (which credentials, which key). */
  credentialsHint?: string;
  /** True when the request already went through its bounded retries. */
  retried?: boolean;
}

/**
 * The one table from an upstream failure to the Backstage error a route or
 * an action throws. The portal's own credentials being refused (401) or an
 * upstream that is down or rate-limited is not the caller's fault: 503. A
 * refusal of what was asked (403), something missing (404), a conflict (409)
 * or a rejected input (400/422) keep their meaning.
 */
const BACKSTAGE_ERROR: Record<
  UpstreamErrorKind,
  new (message: string, cause?: Error) => Error
> = {
  unreachable: ServiceUnavailableError,
  timeout: ServiceUnavailableError,
  unauthorized: ServiceUnavailableError,
  'rate-limited': ServiceUnavailableError,
  'bad-response': ServiceUnavailableError,
  forbidden: NotAllowedError,
  'not-found': NotFoundError,
  conflict: ConflictError,
  rejected: InputError,
};

/**
 * Gives a Backstage error its cause without the `; caused by …` that its
 * constructor appends to the message (CustomErrorBase): the message stays
 * the one a person reads, the cause travels as `cause`, enumerable like
 * CustomErrorBase's own field, so `serializeError` (the error handler's,
 * serialize-error 8 copies enumerable properties) sends it along; an
 * UpstreamFailure cause serialises through its `toJSON` as `{ kind, message }`.
 */
export function withCause<E extends Error>(error: E, cause: unknown): E {
  Object.defineProperty(error, 'cause', {
    value: cause,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return error;
}

/** The kind of a non-2xx status: the one mapping of GitHub's and Argo CD's statuses. */
export function kindOfStatus(
  status: number,
  header: (name: string) => string | undefined,
  detail = '',
): UpstreamErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate-limited';
  if (status === 403) {
    // GitHub: primary limit `x-ratelimit-remaining: 0`, secondary limit by
    // message (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api).
    return header('x-ratelimit-remaining') === '0' || /rate limit/i.test(detail)
      ? 'rate-limited'
      : 'forbidden';
  }
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'rejected';
  if (status >= 500) return 'unreachable';
  return 'bad-response';
}

/**
 * A failed call to Argo CD or GitHub, classified so the UI can say what to
 * do (`kind`), with the upstream's own error kept as `cause`. Reads report
 * it inside a 200 answer (`toJSON`); routes and actions throw
 * `toBackstageError()`.
 */
export class UpstreamFailure extends Error {
  override name = 'UpstreamFailure' as const;

  constructor(
    readonly kind: UpstreamErrorKind,
    message: string,
    cause?: unknown,
    /** The HTTP status the upstream answered, when it answered. */
    readonly status?: number,
  ) {
    // ES2022 `cause`: kept beside the message, not appended to it (the
    // message already says what the upstream answered).
    super(message, cause === undefined ? undefined : { cause });
  }

  toJSON(): UpstreamError {
    return { kind: this.kind, message: this.message };
  }

  /** The Backstage error for this failure (one table, `BACKSTAGE_ERROR`), this failure as its cause. */
  toBackstageError(): Error {
    return withCause(new BACKSTAGE_ERROR[this.kind](this.message), this);
  }

  /** Classifies a non-2xx answer; the message says what the operator can do. */
  static fromStatus(answer: UpstreamAnswer, cause?: unknown): UpstreamFailure {
    const { upstream, status, header, detail = '' } = answer;
    const kind = kindOfStatus(status, header, detail);
    const doing = answer.doing ? ` while trying to ${answer.doing}` : '';
    const said = detail ? `: ${detail}` : '';
    const after = answer.retried ? ' after the bounded retries' : '';
    const reset = header('x-ratelimit-reset');
    const message: Record<UpstreamErrorKind, string> = {
      unauthorized: `${upstream} rejected the plugin's credentials (401)${doing}${said}; ${
        answer.credentialsHint ??
        'check the configured token or username/password'
      }`,
      'rate-limited': `${upstream} answered ${status}${doing}${said}; the rate limit was still exhausted${after}${
        reset
          ? `, it resets at ${new Date(Number(reset) * 1000).toISOString()}`
          : ''
      }`,
      forbidden: `${upstream} answered ${status}${doing}${said}; grant the plugin's account access`,
      unreachable: `${upstream} answered ${status}${doing}${said}${
        after ? `; still failing${after}` : ''
      }`,
      'not-found': `${upstream} answered ${status}${doing}${said}`,
      conflict: `${upstream} answered ${status}${doing}${said}`,
      rejected: `${upstream} answered ${status}${doing}${said}`,
      'bad-response': `${upstream} answered ${status}${doing}${said}`,
      timeout: '',
    };
    return new UpstreamFailure(kind, message[kind], cause, status);
  }

  /**
   * Wraps anything thrown while talking to `upstream` (never includes a
   * token): an UpstreamFailure as it is, an Octokit `RequestError` by its
   * status, a timeout, a body that is not JSON, a network failure.
   */
  static from(
    error: unknown,
    upstream: string,
    context: Pick<UpstreamAnswer, 'doing' | 'credentialsHint' | 'retried'> = {},
  ): UpstreamFailure {
    if (error instanceof UpstreamFailure) {
      return error;
    }
    const octokit = octokitAnswer(error);
    if (octokit) {
      return UpstreamFailure.fromStatus(
        { upstream, ...octokit, ...context },
        error,
      );
    }
    const e = error as Error;
    const doing = context.doing ? ` while trying to ${context.doing}` : '';
    if (e?.name === 'SyntaxError') {
      return new UpstreamFailure(
        'bad-response',
        `${upstream} answered something that is not JSON${doing}: ${e.message}`,
        error,
      );
    }
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      return new UpstreamFailure(
        'timeout',
        `${upstream} did not answer in time${doing}`,
        error,
      );
    }
    return new UpstreamFailure(
      'unreachable',
      `${upstream} is unreachable${doing}: ${e?.message ?? String(error)}`,
      error,
    );
  }
}

/** GitHub's error body: `message` plus `errors` (field, code, message). */
export function describeErrorBody(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 200);
  const b = body as {
    message?: string;
    errors?: Array<
      { message?: string; field?: string; code?: string } | string
    >;
  };
  const details = (Array.isArray(b?.errors) ? b.errors : [])
    .map(d =>
      typeof d === 'string'
        ? d
        : [d.field, d.code, d.message].filter(Boolean).join(' '),
    )
    .filter(Boolean);
  return `${b?.message ?? ''}${
    details.length ? ` (${details.join('; ')})` : ''
  }`;
}

/** Status, headers and message of an Octokit `RequestError`, if it is one. */
function octokitAnswer(
  error: unknown,
): Pick<UpstreamAnswer, 'status' | 'header' | 'detail'> | undefined {
  const e = error as {
    status?: unknown;
    message?: string;
    response?: { headers?: Record<string, string | undefined>; data?: unknown };
  };
  if (typeof e?.status !== 'number' || e.status < 300) return undefined;
  const headers = e.response?.headers ?? {};
  return {
    status: e.status,
    header: name => headers[name],
    detail:
      describeErrorBody(e.response?.data) || (e.message ?? '').slice(0, 200),
  };
}
