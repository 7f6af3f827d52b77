import http from 'node:http';
import { AddressInfo } from 'node:net';
import { getResponse, type RequestHandler } from 'msw';
import {
  application,
  applicationList,
  applicationSetList,
  ArgoApplicationJson,
  sha,
} from '../src/__testUtils__/argoFixtures';
import {
  orgRepository,
  runsPage,
  workflowRun,
} from '../src/__testUtils__/githubFixtures';

/** A loopback HTTP server that counts the calls it answers. */
export interface CountingServer {
  url: string;
  /** Every call, the 304s among them, the logins among them, and the response body bytes. */
  calls: Calls;
  close(): Promise<void>;
}

export interface Calls {
  total: number;
  notModified: number;
  sessions: number;
  bytes: number;
}

const newCalls = (): Calls => ({
  total: 0,
  notModified: 0,
  sessions: 0,
  bytes: 0,
});

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
  calls?: Calls,
) {
  const data = JSON.stringify(body);
  if (calls) calls.bytes += Buffer.byteLength(data);
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(data);
}

/**
 * Answers a request on a real socket with msw handlers (the unit tests'
 * fakes), as if it had been sent to `origin`: msw's `getResponse` runs the
 * first matching handler on a fetch `Request`. False when none answered.
 */
export async function answerWithHandlers(
  handlers: RequestHandler[],
  origin: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<boolean> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  const method = req.method ?? 'GET';
  let response: Response | undefined;
  try {
    response = await getResponse(
      handlers,
      new Request(`${origin}${req.url}`, {
        method,
        headers,
        body: ['GET', 'HEAD'].includes(method)
          ? undefined
          : Buffer.concat(chunks),
      }),
    );
  } catch (error) {
    // A fake that throws is a broken test fixture: say so in the answer.
    response = Response.json({ message: String(error) }, { status: 500 });
  }
  if (!response) return false;
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
  return true;
}

/** The Applications of `repos` in every environment, as Argo CD lists them. */
export function appsFor(repos: string[]): ArgoApplicationJson[] {
  return repos.flatMap(repo =>
    ['dev', 'stage', 'prod'].map(env => application({ repo, env })),
  );
}

/**
 * Fake Argo CD: `POST /api/v1/session` (username/password → a session token),
 * `GET /api/v1/applications` with a label selector (an empty result is
 * `items: null`, as Argo CD answers: its REST API is grpc-gateway over the
 * protobuf `ApplicationList`, where an empty repeated field comes back nil;
 * server/application/application.go `List` in argoproj/argo-cd), `GET
 * /api/v1/applications/{name}` and `POST …/{name}/sync` (both answer the
 * Application). The bearer token (configured, or issued by the session) is checked.
 */
export function fakeArgoServer(
  apps: ArgoApplicationJson[],
  token: string,
  maxLifetimeMs: number,
  login?: { username: string; password: string },
  /** `GET /api/v1/applicationsets` (loose stacks); none by default (`items: null`). */
  applicationSets: Parameters<typeof applicationSetList>[0] = [],
) {
  const calls = newCalls();
  const sessionToken = `${token}-session`;
  const notFound = (res: http.ServerResponse, message: string) =>
    sendJson(res, 404, { error: message, code: 5, message }, {}, calls);
  return listen(
    (req, res) => {
      calls.total++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname === '/api/v1/session') {
        calls.sessions++;
        let body = '';
        req.on('data', chunk => {
          body += chunk;
        });
        req.on('end', () => {
          let creds: { username?: string; password?: string } = {};
          try {
            creds = JSON.parse(body);
          } catch {
            // answered 401 below
          }
          if (
            login &&
            creds.username === login.username &&
            creds.password === login.password
          ) {
            sendJson(res, 200, { token: sessionToken }, {}, calls);
          } else {
            sendJson(
              res,
              401,
              { error: 'Invalid username or password', code: 16 },
              {},
              calls,
            );
          }
        });
        return;
      }
      const auth = req.headers.authorization;
      if (auth !== `Bearer ${token}` && auth !== `Bearer ${sessionToken}`) {
        sendJson(
          res,
          401,
          { error: 'invalid session', code: 16, message: 'invalid session' },
          {},
          calls,
        );
      } else if (
        req.method === 'GET' &&
        url.pathname === '/api/v1/applications'
      ) {
        const list = applicationList(apps, url.searchParams.get('selector'));
        sendJson(
          res,
          200,
          list.items.length ? list : { ...list, items: null },
          {},
          calls,
        );
      } else if (
        req.method === 'GET' &&
        url.pathname === '/api/v1/applicationsets'
      ) {
        sendJson(res, 200, applicationSetList(applicationSets));
      } else if (
        (req.method === 'POST' &&
          /^\/api\/v1\/applications\/[^/]+\/sync$/.test(url.pathname)) ||
        (req.method === 'GET' &&
          /^\/api\/v1\/applications\/[^/]+$/.test(url.pathname))
      ) {
        const name = decodeURIComponent(url.pathname.split('/')[4]);
        const app = apps.find(a => a.metadata.name === name);
        if (app) sendJson(res, 200, app, {}, calls);
        else notFound(res, `applications.argoproj.io "${name}" not found`);
      } else {
        notFound(res, 'not found');
      }
    },
    maxLifetimeMs,
    calls,
  );
}

/**
 * Fake GitHub: workflow runs per repo with paging, ETag and 304, and one run
 * by id (`GET /repos/{o}/{r}/actions/runs/{id}`,
 * https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run).
 */
export function fakeGithubServer(
  owner: string,
  repos: string[],
  maxLifetimeMs: number,
  /** Workflow file names of a monorepo repo, one per component; default: the repo's name. */
  workflowsOf: (repo: string) => string[] = repo => [repo],
  /**
   * `GET /orgs/{owner}/repos` (loose stacks) and `GET /repos/{o}/{r}/contents/{path}`:
   * 200 for repositories listed in `withDevOverlay`, 404 otherwise.
   */
  org: {
    repositories: ReturnType<typeof orgRepository>[];
    withDevOverlay: string[];
  } = { repositories: [], withDevOverlay: [] },
  /**
   * msw handlers of a git fake (the scaffolder module's FakeGithub), asked
   * first for the paths `serves` accepts, as requests to `origin`; the runs
   * above answer what they leave.
   */
  git?: {
    handlers: RequestHandler[];
    origin: string;
    serves: (pathname: string) => boolean;
  },
) {
  const calls = newCalls();
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
  const server = listen(
    async (req, res) => {
      calls.total++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (
        git?.serves(url.pathname) &&
        (await answerWithHandlers(git.handlers, git.origin, req, res))
      ) {
        return;
      }
      if (url.pathname === `/orgs/${owner}/repos`) {
        sendJson(res, 200, org.repositories);
        return;
      }
      const contents = /^\/repos\/[^/]+\/([^/]+)\/contents\/(.*)$/.exec(
        url.pathname,
      );
      if (contents) {
        // Only the dev overlay exists: any other file (stack.yaml) is a 404,
        // not a listing that a reader would parse as the file.
        if (
          org.withDevOverlay.includes(contents[1]) &&
          contents[2] === 'deploy/overlays/dev'
        ) {
          sendJson(res, 200, [{ type: 'file', name: 'kustomization.yaml' }]);
        } else sendJson(res, 404, { message: 'Not Found', status: '404' });
        return;
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/actions\/runs(?:\/(\d+))?$/.exec(
        url.pathname,
      );
      const list = m && runs.get(m[2]);
      const run = m?.[3] && list?.find(r => r.id === Number(m[3]));
      if (!list || (m?.[3] && !run)) {
        sendJson(res, 404, { message: 'Not Found', status: '404' }, {}, calls);
        return;
      }
      if (run) {
        sendJson(res, 200, run, {}, calls);
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
      sendJson(res, 200, body, headers, calls);
    },
    maxLifetimeMs,
    calls,
  );
  return server.then(s => ({
    ...s,
    /** A new run, newest first as GitHub lists them: the list's ETag changes. */
    addRun(repo: string, run: ReturnType<typeof workflowRun>) {
      runs.get(repo)?.unshift(run);
    },
  }));
}
