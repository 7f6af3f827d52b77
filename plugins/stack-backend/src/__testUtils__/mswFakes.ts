import { delay, http, HttpResponse } from 'msw';
import {
  applicationList,
  ArgoApplicationJson,
  sessionJwt,
} from './argoFixtures';
import { runsPage, workflowRun } from './githubFixtures';

/** Behaviour switches of one fake upstream. */
export type FakeMode = 'up' | 'down' | 'unauthorized' | 'slow';

/**
 * An msw fake of one Argo CD instance: `GET /api/v1/applications` (label
 * selector honoured), `POST /api/v1/session`, sync and refresh. Counts calls.
 */
export function fakeArgoCd(
  baseUrl: string,
  apps: ArgoApplicationJson[],
  opts: { token?: string; username?: string; password?: string } = {},
) {
  const state = {
    mode: 'up' as FakeMode,
    listCalls: 0,
    sessionCalls: 0,
    syncCalls: [] as string[],
    refreshCalls: [] as string[],
    lastQuery: undefined as URLSearchParams | undefined,
    issued: [] as string[],
  };
  const authorized = (request: Request) => {
    const auth = request.headers.get('authorization');
    return (
      auth === `Bearer ${opts.token}` ||
      state.issued.some(t => auth === `Bearer ${t}`)
    );
  };
  const guard = async (request: Request) => {
    if (state.mode === 'down') {
      return HttpResponse.error();
    }
    if (state.mode === 'slow') {
      await delay(5_000);
    }
    if (state.mode === 'unauthorized' || !authorized(request)) {
      return HttpResponse.json(
        {
          error: 'invalid session: token is expired',
          code: 16,
          message: 'invalid session: token is expired',
        },
        { status: 401 },
      );
    }
    return undefined;
  };
  const handlers = [
    http.post(`${baseUrl}/api/v1/session`, async ({ request }) => {
      state.sessionCalls++;
      const body = (await request.json()) as {
        username: string;
        password: string;
      };
      if (body.username !== opts.username || body.password !== opts.password) {
        return HttpResponse.json(
          {
            error: 'Invalid username or password',
            code: 16,
            message: 'Invalid username or password',
          },
          { status: 401 },
        );
      }
      const token = sessionJwt(Math.floor(Date.now() / 1000) + 86400);
      state.issued.push(token);
      return HttpResponse.json({ token });
    }),
    http.get(`${baseUrl}/api/v1/applications`, async ({ request }) => {
      state.listCalls++;
      const denied = await guard(request);
      if (denied) return denied;
      const url = new URL(request.url);
      state.lastQuery = url.searchParams;
      return HttpResponse.json(
        applicationList(apps, url.searchParams.get('selector')),
      );
    }),
    http.post(
      `${baseUrl}/api/v1/applications/:name/sync`,
      async ({ request, params }) => {
        const denied = await guard(request);
        if (denied) return denied;
        state.syncCalls.push(String(params.name));
        const app = apps.find(a => a.metadata.name === params.name);
        return app
          ? HttpResponse.json(app)
          : HttpResponse.json(
              { error: 'not found', code: 5, message: 'not found' },
              { status: 404 },
            );
      },
    ),
    http.get(
      `${baseUrl}/api/v1/applications/:name`,
      async ({ request, params }) => {
        const denied = await guard(request);
        if (denied) return denied;
        state.refreshCalls.push(
          `${params.name}?${new URL(request.url).searchParams.get('refresh')}`,
        );
        return HttpResponse.json(
          apps.find(a => a.metadata.name === params.name),
        );
      },
    ),
  ];
  return { handlers, state };
}

/**
 * An msw fake of GitHub's `GET /repos/{owner}/{repo}/actions/runs`: paging by
 * `per_page`/`page` with a `Link` header, ETags with 304 on `If-None-Match`.
 */
export function fakeGithub(
  apiBaseUrl: string,
  runsByRepo: Record<string, ReturnType<typeof workflowRun>[]>,
  token: string,
) {
  const state = {
    mode: 'up' as FakeMode,
    calls: 0,
    notModified: 0,
    authHeaders: [] as string[],
    /** `owner/repo` of every runs request, in order. */
    requests: [] as string[],
  };
  const handlers = [
    http.get(
      `${apiBaseUrl}/repos/:owner/:repo/actions/runs`,
      async ({ request, params }) => {
        state.calls++;
        state.requests.push(`${params.owner}/${params.repo}`);
        state.authHeaders.push(request.headers.get('authorization') ?? '');
        if (state.mode === 'down') return HttpResponse.error();
        if (state.mode === 'slow') await delay(5_000);
        if (
          state.mode === 'unauthorized' ||
          request.headers.get('authorization') !== `Bearer ${token}`
        ) {
          return HttpResponse.json(
            {
              message: 'Bad credentials',
              documentation_url: 'https://docs.github.com/rest',
              status: '401',
            },
            { status: 401 },
          );
        }
        const slug = `${params.owner}/${params.repo}`;
        const runs = runsByRepo[slug];
        if (!runs) {
          return HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url:
                'https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-repository',
              status: '404',
            },
            { status: 404 },
          );
        }
        const url = new URL(request.url);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const { body, etag, link } = runsPage(
          `${apiBaseUrl}/repos/${slug}/actions/runs`,
          runs,
          perPage,
          page,
        );
        const headers: Record<string, string> = {
          ETag: etag,
          'X-RateLimit-Limit': '5000',
          'X-RateLimit-Remaining': '4999',
        };
        if (link) headers.Link = link;
        if (request.headers.get('if-none-match') === etag) {
          state.notModified++;
          return new HttpResponse(null, { status: 304, headers });
        }
        return HttpResponse.json(body, { headers });
      },
    ),
  ];
  return { handlers, state };
}
