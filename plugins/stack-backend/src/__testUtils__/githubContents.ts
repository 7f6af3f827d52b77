import { createHash } from 'crypto';
import { http, HttpResponse } from 'msw';

/** Git's blob SHA of a text, as GitHub reports it in `sha`. */
export const blobSha = (text: string) =>
  createHash('sha1')
    .update(`blob ${Buffer.byteLength(text)}\0${text}`)
    .digest('hex');

/**
 * msw fake of GitHub's "get repository content" endpoint as Backstage's
 * GithubUrlReader calls it with a token: `GET /repos/{owner}/{repo}/contents/{path}?ref=`
 * with `Accept: application/vnd.github.v3.raw` answers the raw file with an
 * ETag, 304 on a matching `If-None-Match`, and GitHub's JSON 404 body.
 * Files are keyed `owner/repo/ref/path`. A path that is a folder of keyed files
 * answers GitHub's directory listing: a JSON array of content objects
 * (`type`, `name`, `path`, `sha`, `size`, `url`, `html_url`, `git_url`,
 * `download_url`, `_links`), whatever the Accept header, as
 * https://docs.github.com/rest/repos/contents#get-repository-content documents.
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
      const dirPrefix = `${key.replace(/\/+$/, '')}/`;
      const children = Object.keys(files).filter(k => k.startsWith(dirPrefix));
      if (text === undefined && children.length > 0) {
        const names = [
          ...new Set(
            children.map(k => k.slice(dirPrefix.length).split('/')[0]),
          ),
        ].sort();
        const [owner, repo] = [params.owner, params.repo];
        const ref = url.searchParams.get('ref');
        return HttpResponse.json(
          names.map(name => {
            const childPath = `${path.replace(/\/+$/, '')}/${name}`;
            const content = files[`${dirPrefix}${name}`];
            const isFile = content !== undefined;
            return {
              type: isFile ? 'file' : 'dir',
              name,
              path: childPath,
              sha: blobSha(content ?? childPath),
              size: isFile ? Buffer.byteLength(content) : 0,
              url: `${baseUrl}/repos/${owner}/${repo}/contents/${childPath}?ref=${ref}`,
              html_url: `https://github.com/${owner}/${repo}/blob/${ref}/${childPath}`,
              git_url: `${baseUrl}/repos/${owner}/${repo}/git/blobs/${blobSha(
                content ?? childPath,
              )}`,
              download_url: isFile
                ? `https://raw.githubusercontent.com/${owner}/${repo}/${ref}/${childPath}`
                : null,
              _links: {},
            };
          }),
        );
      }
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
