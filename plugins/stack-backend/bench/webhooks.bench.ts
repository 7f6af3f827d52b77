/**
 * GitHub calls per hour for the Builds tab of N repositories, polling only
 * (`stack.github.refreshInterval` 60 s) against webhooks on
 * (`stack.github.webhooks`, fallback poll every 60 min), side by side in one
 * run. Time is scaled: one simulated hour lasts `--hour` seconds, and every
 * interval with it, so each configuration runs `--hours` simulated hours.
 * Every repository is viewed all the time (each entity's builds are requested
 * once per simulated minute) and every repository gets one workflow run per
 * simulated hour, delivered as a signed `workflow_run` webhook through the
 * real events backend route (`POST /api/events/http/github`).
 *
 *   pnpm exec tsx bench/webhooks.bench.ts [--repos 500] [--hour 30] [--hours 2]
 *
 * Prints calls per simulated hour, 304s apart (GitHub does not count a 304
 * made with credentials against the primary rate limit).
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import eventsPlugin from '@backstage/plugin-events-backend';
import eventsModuleGithub from '@backstage/plugin-events-backend-module-github';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { workflowRun } from '../src/__testUtils__/githubFixtures';
// The bench scripts' one argument helper (dev-only, not part of any package's API).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { benchNumber as arg } from '../../stack-common/bench/benchArgs';
import { stackPlugin } from '../src/plugin';
import { benchEntities } from './benchCatalog';
import { fakeGithubServer } from './fakeUpstreams';

const REPOS = arg('repos', 500);
const HOUR_S = arg('hour', 30);
const HOURS = arg('hours', 2);
const SECRET = 'bench-webhook-secret';
const minuteMs = (HOUR_S * 1000) / 60;

async function measure(webhooks: boolean) {
  const repos = Array.from(
    { length: REPOS },
    (_, i) => `svc-${String(i).padStart(4, '0')}`,
  );
  const github = await fakeGithubServer(
    'acme',
    repos,
    (HOURS + 2) * HOUR_S * 1000 + 120_000,
  );
  const entities = benchEntities(repos);
  const catalog = createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      ({
        getEntityByRef: async (ref: string) => entities.get(ref),
      } as any),
  });
  const backend = await startTestBackend({
    features: [
      stackPlugin,
      catalog,
      eventsPlugin,
      eventsModuleGithub,
      eventsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              { host: 'github.com', token: 'bench', apiBaseUrl: github.url },
            ],
          },
          events: {
            useEventBus: 'never',
            modules: { github: { webhookSecret: SECRET } },
          },
          stack: {
            github: {
              organizations: ['acme'],
              maxRuns: 5,
              // 60 s and 60 min, scaled
              refreshInterval: { milliseconds: Math.round(minuteMs) },
              webhooks: {
                enabled: webhooks,
                fallbackPollInterval: { milliseconds: HOUR_S * 1000 },
              },
            },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api`;
  const auth = mockCredentials.user.header();
  const refs = [...entities.keys()];
  let views = 0;
  const view = (ref: string) =>
    ++views &&
    fetch(`${base}/stack/builds/${ref.replace(/[:/]/g, '/')}`, {
      headers: { Authorization: auth },
    }).then(r => r.arrayBuffer());
  // First views fill every repository's runs (not measured).
  for (let i = 0; i < refs.length; i += 50) {
    await Promise.all(refs.slice(i, i + 50).map(view));
  }
  const start = { ...github.calls };
  views = 0;
  const startedAt = Date.now();
  const endAt = startedAt + HOURS * HOUR_S * 1000;
  let deliveries = 0;
  let nextRunId = 100;
  // Views: every entity once per simulated minute, spread over the minute.
  const viewer = (async () => {
    while (Date.now() < endAt) {
      const minuteStart = Date.now();
      for (let i = 0; i < refs.length && Date.now() < endAt; i += 25) {
        await Promise.all(refs.slice(i, i + 25).map(view));
      }
      const left = minuteMs - (Date.now() - minuteStart);
      if (left > 0) await new Promise(r => setTimeout(r, left));
    }
  })();
  // Deliveries: one completed run per repository per simulated hour.
  const deliverer = (async () => {
    const gap = (HOUR_S * 1000) / REPOS;
    for (let n = 0; Date.now() < endAt; n++) {
      const repo = repos[n % REPOS];
      const run = workflowRun({
        id: nextRunId++,
        owner: 'acme',
        repo,
        workflow: repo,
        headSha: `${n}`.padStart(40, '0'),
      });
      // GitHub lists the run from now on, so a poll sees a changed list.
      github.addRun(repo, run);
      const body = JSON.stringify({
        action: 'completed',
        workflow_run: run,
        repository: {
          name: repo,
          full_name: `acme/${repo}`,
          html_url: `https://github.com/acme/${repo}`,
        },
      });
      const res = await fetch(`${base}/events/http/github`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'workflow_run',
          'X-Hub-Signature-256': `sha256=${createHmac('sha256', SECRET)
            .update(body)
            .digest('hex')}`,
        },
        body,
      });
      if (res.status !== 202) throw new Error(`delivery got ${res.status}`);
      deliveries++;
      await new Promise(r => setTimeout(r, gap));
    }
  })();
  await Promise.all([viewer, deliverer]);
  const hours = (Date.now() - startedAt) / 1000 / HOUR_S;
  const total = (github.calls.total - start.total) / hours;
  const notModified = (github.calls.notModified - start.notModified) / hours;
  await backend.stop();
  await github.close();
  return {
    mode: webhooks
      ? 'webhooks on, fallback poll 60 min'
      : 'polling every 60 s (webhooks off)',
    callsPerHour: Math.round(total),
    counted: Math.round(total - notModified),
    notModified: Math.round(notModified),
    deliveriesPerHour: Math.round(deliveries / hours),
    // 1.0 = every entity viewed once per simulated minute, as intended; far
    // less means the machine could not keep the scaled pace: the run is void.
    viewPace: +(views / REPOS / (hours * 60)).toFixed(2),
  };
}

async function main() {
  const rows = [await measure(false), await measure(true)];
  console.log(
    `${REPOS} repositories, ${HOURS} simulated hours of ${HOUR_S} s each`,
  );
  console.log(
    '| mode | GitHub calls/hour | counted by the rate limit | 304s | webhook deliveries/hour | view pace (1.0 = as intended) |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.mode} | ${r.callsPerHour} | ${r.counted} | ${r.notModified} | ${r.deliveriesPerHour} | ${r.viewPace} |`,
    );
  }
  console.log(
    `ratio (webhooks / polling), all calls: ${(
      rows[1].callsPerHour / rows[0].callsPerHour
    ).toFixed(3)}`,
  );
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
