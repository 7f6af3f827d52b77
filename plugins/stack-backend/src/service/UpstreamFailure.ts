import type {
  UpstreamError,
  UpstreamErrorKind,
} from '@idp-stack/plugin-stack-common';

/** A failed call to Argo CD or GitHub, classified so the UI can say what to do. */
export class UpstreamFailure extends Error {
  constructor(readonly kind: UpstreamErrorKind, message: string) {
    super(message);
    this.name = 'UpstreamFailure';
  }

  toJSON(): UpstreamError {
    return { kind: this.kind, message: this.message };
  }

  /** Wraps anything thrown while talking to `upstream` (never includes a token). */
  static from(error: unknown, upstream: string): UpstreamFailure {
    if (error instanceof UpstreamFailure) {
      return error;
    }
    const e = error as Error;
    if (e?.name === 'SyntaxError') {
      return new UpstreamFailure(
        'bad-response',
        `${upstream} answered something that is not JSON: ${e.message}`,
      );
    }
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
      return new UpstreamFailure(
        'timeout',
        `${upstream} did not answer in time`,
      );
    }
    return new UpstreamFailure(
      'unreachable',
      `${upstream} is unreachable: ${e?.message ?? String(error)}`,
    );
  }
}

/**
 * `fetch` bounded by `timeoutMs`; a non-2xx/304 status becomes an
 * UpstreamFailure whose message tells the operator what to fix.
 */
export async function fetchUpstream(
  upstream: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw UpstreamFailure.from(error, upstream);
  }
  if (res.ok || res.status === 304) {
    return res;
  }
  // Drain the body so the connection can be reused.
  const text = await res.text().catch(() => '');
  const detail = text.slice(0, 200);
  if (res.status === 401) {
    throw new UpstreamFailure(
      'unauthorized',
      `${upstream} rejected the plugin's credentials (401): check the configured token or username/password`,
    );
  }
  if (res.status === 403) {
    const limited =
      res.headers.get('x-ratelimit-remaining') === '0' ||
      /rate limit/i.test(detail);
    throw limited
      ? new UpstreamFailure(
          'rate-limited',
          `${upstream} rate limit reached (403); it resets at ${
            res.headers.get('x-ratelimit-reset') ?? 'an unknown time'
          }`,
        )
      : new UpstreamFailure(
          'forbidden',
          `${upstream} denied access (403): grant the plugin's account read access`,
        );
  }
  if (res.status === 429) {
    throw new UpstreamFailure(
      'rate-limited',
      `${upstream} rate limit reached (429)`,
    );
  }
  throw new UpstreamFailure(
    res.status >= 500 ? 'unreachable' : 'bad-response',
    `${upstream} answered ${res.status}${detail ? `: ${detail}` : ''}`,
  );
}
