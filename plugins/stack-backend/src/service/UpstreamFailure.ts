import {
  describeErrorBody,
  UpstreamFailure,
} from '@idp-stack/plugin-stack-node';

// The one mapping of upstream statuses lives in @idp-stack/plugin-stack-node,
// shared with the scaffolder module. GitHub is read through the shared
// Octokit client (GithubClients); this raw `fetch` is Argo CD's only.
export { UpstreamFailure };

/**
 * `fetch` to Argo CD bounded by `timeoutMs`; a non-2xx/304 status becomes
 * an UpstreamFailure (`UpstreamFailure.fromStatus`) whose message tells the
 * operator what to fix.
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
  // Read the body (also frees the connection); Argo CD and GitHub answer
  // errors as JSON with a `message`.
  const text = await res.text().catch(() => '');
  let detail = text.slice(0, 200);
  try {
    detail = describeErrorBody(JSON.parse(text)) || detail;
  } catch {
    // not JSON: the text as it is
  }
  throw UpstreamFailure.fromStatus({
    upstream,
    status: res.status,
    header: name => res.headers.get(name) ?? undefined,
    detail,
  });
}
