/**
 * What the production portal talks to, for e2e/production.test.ts: a real
 * PostgreSQL 15 and Redis, and loopback fakes of Argo CD (the stack plugin's
 * benchmark fake, which counts its calls) and of the Kubernetes API (pods of
 * the `shop` fixture stack, labelled as its generated manifests label them;
 * merge patches of the `argocd/workloads` ApplicationSet). Also writes the
 * catalog the portal reads: the entities the golden path generates for that
 * stack, and a template whose only step is `idp:argocd:refresh`.
 *
 * Prints one JSON line with the addresses, then serves `GET /counts` on its
 * own port (upstream calls so far) until SIGTERM. Run through the Backstage
 * CLI's transform (TypeScript, extensionless imports):
 *   node --require @backstage/cli-node/config/nodeTransform.cjs packages/backend/src/__testUtils__/serveProductionDeps.ts
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  generateCatalogEntities,
  generateManifests,
  parseStackYaml,
  serializeCatalogEntities,
} from '@idp-stack/plugin-stack-common';
// The stack plugin's benchmark fake of Argo CD (it counts its calls); a test
// helper, not part of the plugin's published surface.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  appsFor,
  fakeArgoServer,
} from '../../../../plugins/stack-backend/bench/fakeUpstreams';
import { startPostgres } from '../testing/postgres';
import { spawnJson } from './processes';
import { startRedis } from '../testing/redis';
import { FakePod, startFakeKubernetes } from '../testing/fakeKubernetes';

const ARGO_TOKEN = 'production-test-argocd-token';
const LIFETIME_MS = 20 * 60_000;

/** One pod per environment of `component`, labelled as its generated base workload. */
function podsOf(
  files: { path: string; content: string }[],
  system: string,
  component: string,
): FakePod[] {
  const workload = files
    .filter(f => f.path.includes('/base/'))
    .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
    .find(o => o?.metadata?.name === component && o.spec?.template);
  const labels = workload.spec.template.metadata.labels;
  return ['dev', 'stage', 'prod'].map(env => ({
    name: `${component}-7d9c6b5f4-${env}1`,
    namespace: `${system}-${env}`,
    labels: { ...labels, 'pod-template-hash': '7d9c6b5f4' },
    image: `ghcr.io/acme/${component}:1.4.2`,
    restarts: env === 'stage' ? 3 : 0,
  }));
}

async function main() {
  const parsed = parseStackYaml(
    readFileSync(
      join(
        dirname(require.resolve('@idp-stack/plugin-stack-common/package.json')),
        'fixtures/fullstack.yaml',
      ),
      'utf8',
    ),
  );
  if (!parsed.ok) throw new Error('fixtures/fullstack.yaml does not parse');
  const stack = parsed.stack;
  const files = generateManifests(stack);
  const dir = mkdtempSync(join(tmpdir(), 'idp-production-catalog-'));
  writeFileSync(
    join(dir, 'catalog-info.yaml'),
    serializeCatalogEntities(generateCatalogEntities(stack, { org: 'acme' })),
  );
  writeFileSync(
    join(dir, 'template.yaml'),
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: refresh-once
  title: Refresh the workloads ApplicationSet
spec:
  owner: group:default/platform-team
  type: service
  parameters: []
  steps:
    - id: refresh
      name: Refresh
      action: idp:argocd:refresh
      input:
        repo: shop
`,
  );

  const pg = await startPostgres();
  const redis = await startRedis();
  // The production config's OIDC provider must resolve its metadata at start.
  const oidc = await spawnJson([
    join(__dirname, 'oidcServer.mjs'),
    ...process.argv.slice(2),
  ]);
  const argo = await fakeArgoServer(
    appsFor([stack.metadata.name]),
    ARGO_TOKEN,
    LIFETIME_MS,
  );
  const kube = await startFakeKubernetes({
    pods: [
      ...podsOf(files, stack.metadata.system, 'orders'),
      ...podsOf(files, stack.metadata.system, 'web').slice(0, 1),
    ],
    patchableApplicationSets: ['argocd/workloads'],
  });
  const control = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        argocd: argo.calls.total,
        applicationSetPatches: kube.patches.length,
        kubernetes: kube.requests,
      }),
    );
  });
  await new Promise<void>(r => control.listen(0, '127.0.0.1', r));

  const stop = async () => {
    control.close();
    oidc.child.kill();
    await Promise.allSettled([argo.close(), kube.close(), redis.stop()]);
    try {
      pg.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  setTimeout(stop, LIFETIME_MS).unref();

  process.stdout.write(
    `${JSON.stringify({
      postgres: pg.connection,
      redis: redis.url,
      argocd: { url: argo.url, token: ARGO_TOKEN },
      kubernetes: { url: kube.url, token: kube.token },
      oidc: oidc.info,
      catalogDir: dir,
      counts: `http://127.0.0.1:${
        (control.address() as AddressInfo).port
      }/counts`,
    })}\n`,
  );
}

main().catch(e => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exit(1);
});
