import { http, HttpResponse } from 'msw';
import { blobSha } from './githubContents';

/**
 * msw fake of the GitHub REST calls a promotion makes on one repository,
 * shaped like docs.github.com/rest documents them:
 * - `GET /repos/{o}/{r}/actions/runs/{id}` → a workflow run (`workflowRun` fixture);
 * - `GET /git/ref/heads/{branch}` → `{ ref, object: { sha, type: 'commit' } }`;
 * - `POST /git/refs` `{ ref, sha }` → 201 `{ ref, object }`, 422 when it exists;
 * - `GET /contents/{path}?ref=` with the JSON media type → `{ type: 'file',
 *   encoding: 'base64', content, sha, path, name, size }` (raw requests fall
 *   through to the raw-contents fake);
 * - `PUT /contents/{path}` `{ message, content (base64), sha, branch }` → 200
 *   `{ content, commit }`, 409 when `sha` is not the file's blob on that branch;
 * - `POST /pulls` `{ title, body, head, base }` → 201 `{ number, html_url, head: { ref } }`;
 * - `POST /pulls/{n}/requested_reviewers` `{ reviewers, team_reviewers }` → 201;
 * - `GET /pulls?state=open` → the open pull requests.
 */
export function fakeGithubPromotions(
  baseUrl: string,
  slug: string,
  opts: { runs: any[]; files: Record<string, string>; mainSha: string },
) {
  const state = {
    branches: new Map<string, string>([['main', opts.mainSha]]),
    /** Files per branch: branch → path → text. */
    trees: new Map<string, Map<string, string>>([
      ['main', new Map(Object.entries(opts.files))],
    ]),
    commits: [] as { branch: string; path: string; message: string }[],
    pulls: [] as {
      number: number;
      title: string;
      body: string;
      head: string;
      base: string;
      team_reviewers: string[];
    }[],
  };
  const repo = `${baseUrl}/repos/${slug}`;
  const notFound = () =>
    HttpResponse.json({ message: 'Not Found', status: '404' }, { status: 404 });
  const handlers = [
    http.get(`${repo}/actions/runs/:id`, ({ params }) => {
      const run = opts.runs.find(r => String(r.id) === params.id);
      return run ? HttpResponse.json(run) : notFound();
    }),
    http.get(`${repo}/git/ref/heads/:branch`, ({ params }) => {
      const sha = state.branches.get(String(params.branch));
      return sha
        ? HttpResponse.json({
            ref: `refs/heads/${params.branch}`,
            object: { sha, type: 'commit' },
          })
        : notFound();
    }),
    http.post(`${repo}/git/refs`, async ({ request }) => {
      const { ref, sha } = (await request.json()) as any;
      const branch = String(ref).replace(/^refs\/heads\//, '');
      if (state.branches.has(branch))
        return HttpResponse.json(
          { message: 'Reference already exists' },
          { status: 422 },
        );
      state.branches.set(branch, sha);
      state.trees.set(branch, new Map(state.trees.get('main')));
      return HttpResponse.json({ ref, object: { sha } }, { status: 201 });
    }),
    http.get(`${repo}/contents/*`, ({ request, params }) => {
      if (
        !/application\/vnd\.github\+json/.test(
          request.headers.get('accept') ?? '',
        )
      )
        return undefined;
      const path = String((params as any)[0]);
      const ref = new URL(request.url).searchParams.get('ref') ?? 'main';
      const branch = [...state.branches].find(
        ([b, s]) => b === ref || s === ref,
      )?.[0];
      const text = branch ? state.trees.get(branch)?.get(path) : undefined;
      if (text === undefined) return undefined;
      return HttpResponse.json({
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        content: Buffer.from(text).toString('base64'),
        sha: blobSha(text),
      });
    }),
    http.put(`${repo}/contents/*`, async ({ request, params }) => {
      const path = String((params as any)[0]);
      const body = (await request.json()) as any;
      const tree = state.trees.get(body.branch);
      if (!tree) return notFound();
      const current = tree.get(path);
      if (current === undefined || blobSha(current) !== body.sha)
        return HttpResponse.json(
          { message: `${path} does not match ${body.sha}` },
          { status: 409 },
        );
      tree.set(path, Buffer.from(body.content, 'base64').toString('utf8'));
      state.commits.push({ branch: body.branch, path, message: body.message });
      return HttpResponse.json({
        content: { path, sha: blobSha(tree.get(path)!) },
        commit: { sha: 'c'.repeat(40), message: body.message },
      });
    }),
    http.post(`${repo}/pulls`, async ({ request }) => {
      const body = (await request.json()) as any;
      const number = 100 + state.pulls.length;
      state.pulls.push({ ...body, number, team_reviewers: [] });
      return HttpResponse.json(
        {
          number,
          title: body.title,
          state: 'open',
          html_url: `https://github.com/${slug}/pull/${number}`,
          head: { ref: body.head },
          base: { ref: body.base },
        },
        { status: 201 },
      );
    }),
    http.post(
      `${repo}/pulls/:n/requested_reviewers`,
      async ({ request, params }) => {
        const body = (await request.json()) as any;
        const pull = state.pulls.find(p => String(p.number) === params.n);
        if (!pull) return notFound();
        pull.team_reviewers.push(...body.team_reviewers);
        return HttpResponse.json({ number: pull.number }, { status: 201 });
      },
    ),
    http.get(`${repo}/pulls`, () =>
      HttpResponse.json(
        state.pulls.map(p => ({
          number: p.number,
          title: p.title,
          state: 'open',
          html_url: `https://github.com/${slug}/pull/${p.number}`,
          head: { ref: p.head },
          base: { ref: p.base },
        })),
      ),
    ),
  ];
  return { handlers, state };
}
