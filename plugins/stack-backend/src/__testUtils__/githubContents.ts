import { http, HttpResponse } from 'msw';

/**
 * msw fake of GitHub's "get repository content" endpoint as Backstage's
 * GithubUrlReader calls it with a token: `GET /repos/{owner}/{repo}/contents/{path}?ref=`
 * with `Accept: application/vnd.github.v3.raw` answers the raw file with an
 * ETag, 304 on a matching `If-None-Match`, and GitHub's JSON 404 body.
 * Files are keyed `owner/repo/ref/path`.
 */
export function fakeGithubContents(
  baseUrl: string,
  files: Record<string, string>,
) {
  const state = { calls: 0, notModified: 0, paths: [] as string[] };
  const etagOf = (text: string) =>
    `"${Buffer.from(text).toString('base64url').slice(-16)}-${text.length}"`;
  const handler = http.get(
    `${baseUrl}/repos/:owner/:repo/contents/*`,
    ({ request, params }) => {
      state.calls += 1;
      const url = new URL(request.url);
      const path = decodeURIComponent(String((params as any)[0]));
      const key = `${params.owner}/${params.repo}/${url.searchParams.get(
        'ref',
      )}/${path}`;
      state.paths.push(key);
      const text = files[key];
      if (text === undefined) {
        return HttpResponse.json(
          {
            message: 'Not Found',
            documentation_url:
              'https://docs.github.com/rest/repos/contents#get-repository-content',
            status: '404',
          },
          { status: 404 },
        );
      }
      const etag = etagOf(text);
      if (request.headers.get('if-none-match') === etag) {
        state.notModified += 1;
        return new HttpResponse(null, { status: 304, headers: { ETag: etag } });
      }
      return new HttpResponse(text, {
        status: 200,
        headers: {
          'Content-Type': 'application/vnd.github.v3.raw',
          ETag: etag,
        },
      });
    },
  );
  return { handlers: [handler], state };
}
