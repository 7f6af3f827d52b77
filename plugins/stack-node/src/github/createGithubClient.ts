import { LoggerService } from '@backstage/backend-plugin-api';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';

/** How hard a GitHub client pushes and how long it keeps retrying. */
export interface GithubRetryPolicy {
  /** Attempts after the first one, for every kind of retried failure. */
  retries: number;
  /** Base delay in ms: attempt n waits n² × this (plugin-retry's schedule). */
  retryBaseDelayMs: number;
  /** Minimum ms between two writes (GitHub's secondary rate limit guidance). */
  writeIntervalMs: number;
  /** Longest rate-limit wait worth retrying after, in seconds (default: any). */
  maxRateLimitWaitSeconds?: number;
}

/** Per-request options this client understands besides Octokit's own. */
export interface GithubRequestOptions {
  /**
   * Retry a 404 like a 5xx: GitHub's API is eventually consistent right
   * after a repository is created (backstage #8263, #30069, #33809).
   */
  retryNotFound?: boolean;
  /**
   * The repository whose credentials a request to a full URL uses (GitHub's
   * `Link` pages point at `/repositories/{id}/...`, which names no owner).
   */
  target?: GithubRequestTarget;
  /**
   * Bound of one attempt in ms, counted from when it is sent: time spent in
   * the throttling queue (writes are spaced, notifying writes by 3 s) does
   * not count, and each retry gets its own bound.
   */
  timeoutMs?: number;
}

/** The owner/repo a request is about, to pick the credentials (a GitHub App installation differs per owner). */
export interface GithubRequestTarget {
  owner?: string;
  repo?: string;
}

const REPO_IN_URL = /\/repos\/([^/]+)\/([^/?#]+)/;

/**
 * A 404 the caller marked `request.retryNotFound` joins plugin-retry's
 * schedule: it is handed to the same limiter (`octokit.retry.retryRequest`),
 * so it counts against the same `retries` as a 5xx, not in a loop of its own.
 * Registered before plugin-retry, so its error hook runs first.
 */
function retryNotFound(
  octokit: { hook: Octokit['hook'] },
  options: { [key: string]: unknown },
) {
  const retries =
    (options.retry as { retries?: number } | undefined)?.retries ?? 3;
  octokit.hook.error('request', async (error: any, request: any) => {
    if (request?.request?.signal?.aborted) {
      // The caller's time is up (Octokit reports a timeout as a 500): a
      // retry would fail at once with the same signal. `retries: 0` tells
      // plugin-retry's limiter not to schedule one.
      throw Object.assign(new Error('the request timed out'), {
        name: 'TimeoutError',
        cause: error,
        request: { request: { retries: 0 } },
      });
    }
    if (error?.status === 404 && request?.request?.retryNotFound) {
      const after = ((request.request.retryCount ?? 0) + 1) ** 2;
      throw (octokit as any).retry.retryRequest(error, retries, after);
    }
    throw error;
  });
  return {};
}

/**
 * `request.timeoutMs`: an abort signal made when the attempt leaves the
 * throttling queue. Registered first, so it wraps the fetch innermost
 * (before-after-hook: the first hook registered is the innermost).
 */
function timeoutAtSend(octokit: { hook: Octokit['hook'] }) {
  octokit.hook.wrap('request', async (request: any, options: any) => {
    const timeoutMs = (options.request as GithubRequestOptions | undefined)
      ?.timeoutMs;
    if (!timeoutMs) return request(options);
    // before-after-hook binds every inner hook to the one options object,
    // so the signal is set on it (fresh for every attempt), not passed anew.
    const signal = AbortSignal.timeout(timeoutMs);
    options.request.signal = signal;
    try {
      return await request(options);
    } catch (error) {
      if (!signal.aborted) throw error;
      // Not retried, like a timed-out caller's signal (see retryNotFound).
      throw Object.assign(new Error('the request timed out'), {
        name: 'TimeoutError',
        cause: error,
        request: { request: { retries: 0 } },
      });
    }
  });
  return {};
}

const GithubOctokit = Octokit.plugin(
  timeoutAtSend,
  throttling,
  retryNotFound,
  retry,
);
/** The Octokit every IDP package talks to GitHub with. */
export type GithubClient = InstanceType<typeof GithubOctokit>;

/**
 * The one GitHub client of the stack plugins (backend reads and scaffolder
 * writes): Octokit with ONE retry layer, where every status has exactly one
 * owner, so no failure is retried n×m times:
 * - `@octokit/plugin-throttling` waits out rate limits (403 with
 *   `x-ratelimit-remaining: 0` or a secondary limit, the only status it
 *   retries in v8), up to `retries` times, and spaces writes;
 * - `@octokit/plugin-retry` retries 429, 5xx and, for requests marked
 *   `request.retryNotFound`, 404, up to `retries` times; 403 is in its
 *   `doNotRetry`, so it never repeats what throttling gave up on.
 * Credentials: a fixed token, or `auth(target)` asked per request with the
 * repository the request is about (`DefaultGithubCredentialsProvider`).
 */
export function createGithubClient(options: {
  baseUrl: string;
  auth: string | ((target: GithubRequestTarget) => Promise<string | undefined>);
  policy: GithubRetryPolicy;
  logger: LoggerService;
  /** Defaults of every request, e.g. `retryNotFound` for a repository just created. */
  requestDefaults?: GithubRequestOptions;
}): GithubClient {
  const { baseUrl, auth, policy, logger } = options;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ) => {
      const again =
        retryCount < policy.retries &&
        retryAfter <= (policy.maxRateLimitWaitSeconds ?? Infinity);
      logger.warn(
        `GitHub ${kind} on ${request.method} ${request.url}; ${
          again
            ? `retry ${retryCount + 1}/${policy.retries} in ${retryAfter}s`
            : 'giving up'
        }`,
      );
      return again;
    };
  const octokit = new GithubOctokit({
    auth: typeof auth === 'string' ? auth : undefined,
    baseUrl,
    request: { ...options.requestDefaults },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
    throttle: {
      // A group per client so one client's pacing never stalls another's.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: policy.writeIntervalMs,
      }),
      retryAfterBaseValue: policy.retryBaseDelayMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    retry: {
      // 403 belongs to throttling; the rest never heals by waiting (409 is
      // "Git Repository is empty" or a conflict).
      doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
      retries: policy.retries,
      retryAfterBaseValue: policy.retryBaseDelayMs,
    },
  });
  if (typeof auth === 'function') {
    octokit.hook.before('request', async request => {
      const given = (request.request as GithubRequestOptions | undefined)
        ?.target;
      const fromUrl = REPO_IN_URL.exec(String(request.url));
      const token = await auth(
        given ?? {
          owner: (request as GithubRequestTarget).owner ?? fromUrl?.[1],
          repo: (request as GithubRequestTarget).repo ?? fromUrl?.[2],
        },
      );
      if (token) request.headers.authorization = `Bearer ${token}`;
    });
  }
  return octokit;
}

/** True for Octokit's answer to a conditional request whose resource did not change. */
export function isNotModified(error: unknown): boolean {
  return (error as { status?: unknown })?.status === 304;
}
