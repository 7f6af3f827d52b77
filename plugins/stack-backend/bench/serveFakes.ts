/**
 * Serves the loopback fake Argo CD and GitHub of the benchmark for the portal's
 * browser tests (e2e/stackPlugin.test.ts): the example `payments` repo in three
 * environments, dev healthy, stage degraded, prod out of sync (dev and stage
 * synced by the automated policy, prod by hand by `alice`); and one loose
 * repository, `intruder`, refused by the payments AppProject. Day 2:
 * `shop-api` (system shop, ./shopRepository), whose files, branches and pull
 * requests the scaffolder module's git fake keeps, healthy everywhere, dev
 * running workflow run 1. Prints one JSON line with both URLs, then runs
 * until killed (or for at most 15 minutes).
 *
 * Run: node --require @backstage/cli-node/config/nodeTransform.cjs plugins/stack-backend/bench/serveFakes.ts
 */
import {
  application,
  BY_ALICE,
  repoNotPermitted,
} from '../src/__testUtils__/argoFixtures';
import { orgRepository } from '../src/__testUtils__/githubFixtures';
import { fakeArgoServer, fakeGithubServer } from './fakeUpstreams';
import { shopGithub } from './shopRepository';

export const FAKE_ARGO_TOKEN = 'e2e-argocd-token';

async function main() {
  const lifetime = 15 * 60_000;
  const argo = await fakeArgoServer(
    [
      application({ repo: 'payments', env: 'dev' }),
      application({ repo: 'payments', env: 'stage', health: 'Degraded' }),
      application({
        repo: 'payments',
        env: 'prod',
        sync: 'OutOfSync',
        initiatedBy: BY_ALICE,
      }),
      // Loose: `intruder` tags itself into payments without being
      // registered, so the payments AppProject refuses it.
      application({
        repo: 'intruder',
        env: 'dev',
        sync: 'Unknown',
        conditions: [repoNotPermitted('intruder', 'payments')],
      }),
      ...['dev', 'stage', 'prod'].map(env =>
        application({ repo: 'shop-api', env, system: 'shop' }),
      ),
    ],
    FAKE_ARGO_TOKEN,
    lifetime,
  );
  const shop = shopGithub();
  // payments is a monorepo: one workflow per component.
  const github = await fakeGithubServer(
    'acme',
    ['payments', 'shop-api'],
    lifetime,
    repo =>
      repo === 'payments'
        ? ['payments-api', 'payments-web', 'receipts-worker']
        : [repo],
    {
      repositories: [
        ...['payments', 'intruder'].map(name =>
          orgRepository({
            name,
            topics: ['idp-managed', 'idp-system-payments'],
          }),
        ),
        orgRepository({
          name: 'shop-api',
          topics: ['idp-managed', 'idp-system-shop'],
        }),
      ],
      withDevOverlay: ['payments', 'intruder'],
    },
    shop,
  );
  process.stdout.write(
    `${JSON.stringify({
      argo: argo.url,
      github: github.url,
      token: FAKE_ARGO_TOKEN,
    })}\n`,
  );
  const stop = async () => {
    await Promise.all([argo.close(), github.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setTimeout(stop, lifetime).unref();
}

main();
