import http from 'node:http';
import { AddressInfo } from 'node:net';
import {
  application,
  applicationList,
  ArgoApplicationJson,
  sha,
} from '../src/__testUtils__/argoFixtures';
import { runsPage, workflowRun } from '../src/__testUtils__/githubFixtures';

/** A loopback HTTP server that counts the calls it answers. */
export interface CountingServer {
  url: string;
  calls: { total: number; notModified: number };
  close(): Promise<void>;
}

async function listen(
  handler: (req: http.IncomingMessage, res: http.ServerResponse) => void,
  maxLifetimeMs: number,
  calls: CountingServer['calls'],
): Promise<CountingServer> {
  const server = http.createServer(handler);
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  // Bounded in time even if the benchmark dies half-way.
  const guard = setTimeout(() => server.close(), maxLifetimeMs);
  guard.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise(resolve => {
        clearTimeout(guard);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(data);
}

/** The Applications of `repos` in every environment, as Argo CD lists them. */
export function appsFor(repos: string[]): ArgoApplicationJson[] {
  return repos.flatMap(repo =>
    ['dev', 'stage', 'prod'].map(env => application({ repo, env })),
  );
}

/** Fake Argo CD: `GET /api/v1/applications` with label selector and `POST …/{name}/sync` and `GET …/{name}?refresh=` (both answer the Application, as Argo CD does), bearer token checked. */
export function fakeArgoServer(
  apps: ArgoApplicationJson[],
  token: string,
  maxLifetimeMs: number,
) {
  const calls = { total: 0, notModified: 0 };
  return listen(
    (req, res) => {
      calls.total++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.authorization !== `Bearer ${token}`) {
        sendJson(res, 401, {
          error: 'invalid session',
          code: 16,
          message: 'invalid session',
        });
      } else if (
        req.method === 'GET' &&
        url.pathname === '/api/v1/applications'
      ) {
        sendJson(
          res,
          200,
          applicationList(apps, url.searchParams.get('selector')),
        );
      } else if (
        (req.method === 'POST' &&
          /^\/api\/v1\/applications\/[^/]+\/sync$/.test(url.pathname)) ||
        (req.method === 'GET' &&
          /^\/api\/v1\/applications\/[^/]+$/.test(url.pathname))
      ) {
        const name = decodeURIComponent(url.pathname.split('/')[4]);
        const app = apps.find(a => a.metadata.name === name);
        if (app) sendJson(res, 200, app);
        else
          sendJson(res, 404, {
            error: 'not found',
            code: 5,
            message: `applications.argoproj.io "${name}" not found`,
          });
      } else {
        sendJson(res, 404, {
          error: 'not found',
          code: 5,
          message: 'not found',
        });
      }
    },
    maxLifetimeMs,
    calls,
  );
}

/** Fake GitHub: workflow runs per repo with paging, ETag and 304. */
export function fakeGithubServer(
  owner: string,
  repos: string[],
  maxLifetimeMs: number,
  /** Workflow file names of a monorepo repo, one per component; default: the repo's name. */
  workflowsOf: (repo: string) => string[] = repo => [repo],
) {
  const calls = { total: 0, notModified: 0 };
  const runs = new Map(
    repos.map(repo => [
      repo,
      [1, 2, 3, 4, 5].map(i =>
        workflowRun({
          id: i,
          owner,
          repo,
          workflow: workflowsOf(repo)[(i - 1) % workflowsOf(repo).length],
          headSha: i === 1 ? sha(`${repo}-dev`) : sha(`${repo}-${i}`),
        }),
      ),
    ]),
  );
  return listen(
    (req, res) => {
      calls.total++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs$/.exec(url.pathname);
      const list = m && runs.get(m[2]);
      if (!list) {
        sendJson(res, 404, { message: 'Not Found', status: '404' });
        return;
      }
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      const page = Number(url.searchParams.get('page') ?? 1);
      const base = `http://${req.headers.host}/repos/${m[1]}/${m[2]}/actions/runs`;
      const { body, etag, link } = runsPage(base, list, perPage, page);
      const headers: Record<string, string> = { ETag: etag };
      if (link) headers.Link = link;
      if (req.headers['if-none-match'] === etag) {
        calls.notModified++;
        res.writeHead(304, headers);
        res.end();
        return;
      }
      sendJson(res, 200, body, headers);
    },
    maxLifetimeMs,
    calls,
  );
}
