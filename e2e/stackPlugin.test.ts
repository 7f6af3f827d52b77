// Our stack plugin in the real portal, whose backend reads a loopback fake
// Argo CD and GitHub (plugins/stack-backend/bench/serveFakes.ts): the payments
// repo is healthy in dev, degraded in stage and out of sync in prod. The
// Kubernetes plugin's backend reads a fake Kubernetes API
// (packages/backend/src/testing/fakeKubernetes.ts) that runs the payments
// services' pods in payments-dev, -stage and -prod. The sign-in page offers
// guest (this file's session) and OIDC (oidcSignIn.ts's people) together.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { dayTwoTests, SHOP_LOCATION } from './dayTwo.ts';
import { oidcSignInTests, startOidc, stopOidc } from './oidcSignIn.ts';
import {
  ARTIFACTS,
  FRONTEND,
  ROOT,
  expectNoErrorPanel,
  fillServicePage,
  step,
  usePortal,
} from './portal.ts';
import {
  startFakeKubernetes,
  type FakeKubernetes,
  type FakePod,
} from '../packages/backend/src/testing/fakeKubernetes.ts';

let fakes: ChildProcess | undefined;
let fakeGithub = '';
let kube: FakeKubernetes | undefined;

/**
 * One pod per environment of payments-api and payments-web, labelled as the
 * entities' backstage.io/kubernetes-label-selector selects them
 * (examples/entities.yaml); the stage API pod restarted 3 times.
 */
const paymentsPods: FakePod[] = ['payments-api', 'payments-web'].flatMap(
  component =>
    ['dev', 'stage', 'prod'].map(env => ({
      name: `${component}-7d9c6b5f4-${env}1`,
      namespace: `payments-${env}`,
      labels: {
        'app.kubernetes.io/name': component,
        'app.kubernetes.io/part-of': 'payments',
        'pod-template-hash': '7d9c6b5f4',
      },
      image: `ghcr.io/acme/${component}:1.4.2`,
      restarts: component === 'payments-api' && env === 'stage' ? 3 : 0,
    })),
);

/** Starts the fakes and returns the portal's config for them, as env vars. */
async function fakeUpstreams(): Promise<NodeJS.ProcessEnv> {
  fakes = spawn(
    process.execPath,
    [
      '--require',
      resolve(
        ROOT,
        'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
      ),
      resolve(ROOT, 'plugins/stack-backend/bench/serveFakes.ts'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await createInterface({ input: fakes.stdout! })
    [Symbol.asyncIterator]()
    .next();
  const { argo, github, token } = JSON.parse(first.value);
  kube = await startFakeKubernetes({ pods: paymentsPods });
  fakeGithub = github;
  // The portal's catalog plus acme/shop-api from a `url:` location (the
  // fake GitHub serves it), as a registered repository is; the list replaces
  // app-config.yaml's, so it starts from that one.
  const { catalog } = parse(
    readFileSync(resolve(ROOT, 'app-config.yaml'), 'utf8'),
  );
  // Config through the environment, as a deployment would set it.
  return {
    ...(await startOidc()),
    // Guest sign-in is user:development/guest, which the catalog does not
    // have, so its token claims the configured ownershipEntityRefs
    // (signInAsGuestUser in @backstage/plugin-auth-backend-module-guest-provider):
    // a member of payments-team, owner of shop-api, not of the platform group.
    APP_CONFIG_auth_providers_guest: JSON.stringify({
      ownershipEntityRefs: [
        'user:development/guest',
        'group:default/payments-team',
      ],
    }),
    APP_CONFIG_catalog_locations: JSON.stringify([
      ...catalog.locations,
      SHOP_LOCATION,
    ]),
    APP_CONFIG_kubernetes_clusterLocatorMethods: JSON.stringify([
      {
        type: 'config',
        clusters: [
          {
            name: 'workloads',
            url: kube.url,
            authProvider: 'serviceAccount',
            serviceAccountToken: kube.token,
            // The fake serves no metrics.k8s.io.
            skipMetricsLookup: true,
          },
        ],
      },
    ]),
    APP_CONFIG_stack_argocd_instances: JSON.stringify([
      { name: 'main', url: argo, token },
    ]),
    APP_CONFIG_integrations_github: JSON.stringify([
      { host: 'github.com', apiBaseUrl: github, token: 'e2e-github-token' },
    ]),
  };
}

// 1280 px: the width the tabs and the catalog's Health column must fit.
const session = usePortal({
  env: fakeUpstreams,
  viewport: { width: 1280, height: 900 },
  cleanup: () => {
    stopOidc();
    fakes?.kill('SIGTERM');
    void kube?.close();
  },
});

const entityPage = (ref: string, tab = '') =>
  `${FRONTEND}/catalog/default/${ref}${tab}`;

test('the topology of the payments system carries live health per environment', () =>
  step(session.page, 'topology', async () => {
    const { page } = session;
    await page.goto(entityPage('system/payments', '/topology'));
    const nodes = page.locator('[data-testid=stack-topology-node]');
    await page
      .locator('[data-testid=stack-topology-node][aria-label^="Payments API"]')
      .waitFor({ timeout: 120_000 });
    assert.ok(
      (await nodes.count()) >= 6,
      'services, frontend, data components and API are drawn',
    );
    assert.ok(
      (await page.locator('[data-testid=stack-topology-edge]').count()) >= 5,
    );
    const api = page.locator(
      '[data-testid=stack-topology-node][aria-label^="Payments API"]',
    );
    await page
      .getByRole('group', { name: 'Environment' })
      .getByRole('button', { name: 'dev' })
      .click();
    await assertEventually(async () =>
      (await api.getAttribute('aria-label'))?.includes('Healthy'),
    );
    assert.equal(await api.getAttribute('data-tone'), 'ok');
    // payments has no stack.yaml in the fake GitHub: said as such, not as an
    // invalid file (a directory listing once stood in for it).
    assert.doesNotMatch(
      await page.locator('body').innerText(),
      /stack\.yaml is invalid/,
    );
    await page.screenshot({ path: resolve(ARTIFACTS, 'topology-dev.png') });
    await page
      .getByRole('group', { name: 'Environment' })
      .getByRole('button', { name: 'stage' })
      .click();
    await assertEventually(async () =>
      (await api.getAttribute('aria-label'))?.includes('Degraded'),
    );
    assert.equal(await api.getAttribute('data-tone'), 'error');
    await expectNoErrorPanel(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'topology-stage.png') });
  }));

test('the health tab shows the service × environment matrix', () =>
  step(session.page, 'health', async () => {
    const { page } = session;
    await page.goto(entityPage('system/payments', '/health'));
    await page
      .getByRole('heading', { name: 'Health by environment' })
      .waitFor({ timeout: 60_000 });
    const stage = page.locator(
      '[data-testid="health-cell-Payments API-stage"]',
    );
    await stage.waitFor();
    assert.match(await stage.innerText(), /Degraded/);
    const prod = await page
      .locator('[data-testid="health-cell-Payments API-prod"]')
      .innerText();
    assert.match(prod, /OutOfSync|Out of sync/i);
    // Who started the last sync (serveFakes: prod by alice, dev automated).
    assert.match(prod, /last sync Succeeded .* by alice/);
    // Revision and last sync are lines of their own, never "rev 7756276last sync"
    // (between them only the link's hidden ", Opens in a new window").
    assert.match(
      prod,
      /rev [0-9a-f]{7}\n(, Opens in a new window\n)?last sync/,
    );
    assert.match(
      await page
        .locator('[data-testid="health-cell-Payments API-dev"]')
        .innerText(),
      /by Argo CD \(automated\)/,
    );
    await expectNoErrorPanel(page);
    await page.screenshot({
      path: resolve(ARTIFACTS, 'health.png'),
      fullPage: true,
    });
  }));

test('the builds tab lists workflow runs and what each environment runs', () =>
  step(session.page, 'builds', async () => {
    const { page } = session;
    await page.goto(entityPage('component/payments-api', '/builds'));
    await page
      .getByRole('heading', { name: 'Workflow runs' })
      .waitFor({ timeout: 60_000 });
    // The tab's one table: Backstage's Table, header row plus the runs.
    assert.ok((await page.getByRole('table').getByRole('row').count()) >= 2);
    await page.locator('[data-testid=build-deployment-dev]').waitFor();
    await expectNoErrorPanel(page);
    // At 1280 px every column, the Promote one too, fits the card.
    const { table, box } = await page.getByRole('table').evaluate(t => ({
      table: t.scrollWidth,
      box: t.closest('.MuiPaper-root')!.clientWidth,
    }));
    assert.ok(
      table <= box + 1,
      `the builds table (${table}px) overflows its card (${box}px)`,
    );
    await page.screenshot({
      path: resolve(ARTIFACTS, 'builds.png'),
      fullPage: true,
    });
  }));

test('the catalog table shows health for a whole page in one column', () =>
  step(session.page, 'catalog-column', async () => {
    const { page } = session;
    await page.goto(
      `${FRONTEND}/catalog?filters[kind]=component&filters[user]=all`,
    );
    await page
      .getByRole('columnheader', { name: 'Health' })
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('status', { name: /dev: Healthy/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await expectNoErrorPanel(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'catalog-health.png') });
  }));

test('at 1280 px no catalog column is narrower than its header and the table does not overflow', () =>
  step(session.page, 'catalog-layout', async () => {
    const { page } = session;
    assert.equal(page.viewportSize()?.width, 1280);
    await page.goto(
      `${FRONTEND}/catalog?filters[kind]=component&filters[user]=all`,
    );
    await page
      .getByRole('status', { name: /dev: Healthy/ })
      .first()
      .waitFor({ timeout: 60_000 });
    const layout = await page.evaluate(() => {
      const table = [...document.querySelectorAll('table')].find(t =>
        [...t.querySelectorAll('thead th')].some(
          th => th.textContent?.trim() === 'Health',
        ),
      )!;
      const measure = document.createElement('canvas').getContext('2d')!;
      const columns = [...table.querySelectorAll('thead th')]
        .map(th => {
          const label = th.textContent?.trim() ?? '';
          const style = getComputedStyle(th);
          measure.font = style.font;
          const content =
            th.clientWidth -
            parseFloat(style.paddingLeft) -
            parseFloat(style.paddingRight);
          return {
            label,
            width: Math.round(content),
            needs: Math.ceil(measure.measureText(label).width),
          };
        })
        .filter(c => c.label);
      // Words the table breaks across lines (a squeezed column breaks
      // "Payments" into "Paym" / "ents"); a hyphen is a fair break.
      const brokenWords: string[] = [];
      for (const cell of table.querySelectorAll('tbody td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? '';
          for (const m of text.matchAll(/[^\s-]+/g)) {
            const range = document.createRange();
            range.setStart(node, m.index!);
            range.setEnd(node, m.index! + m[0].length);
            const lines = new Set(
              [...range.getClientRects()].map(r => Math.round(r.top)),
            );
            if (lines.size > 1) brokenWords.push(m[0]);
          }
        }
      }
      const box = table.parentElement!;
      return {
        columns,
        brokenWords,
        tableWidth: table.scrollWidth,
        boxWidth: box.clientWidth,
      };
    });
    console.log(`catalog at 1280 px: ${JSON.stringify(layout)}`);
    for (const c of layout.columns) {
      assert.ok(
        c.width >= c.needs,
        `column "${c.label}" is ${c.width}px, its header needs ${c.needs}px`,
      );
    }
    assert.ok(
      layout.tableWidth <= layout.boxWidth + 1,
      `the table (${layout.tableWidth}px) overflows its container (${layout.boxWidth}px)`,
    );
    assert.deepEqual(layout.brokenWords, [], 'no word is broken across lines');
    await page.screenshot({ path: resolve(ARTIFACTS, 'catalog-1280.png') });
  }));

test('the loose-stacks page, reached from the sidebar, finds the planted loose repository with its reason', () =>
  step(session.page, 'loose-stacks', async () => {
    const { page } = session;
    await page.goto(FRONTEND);
    await page.getByRole('link', { name: 'Loose stacks' }).first().click();
    await page.waitForURL(/\/loose-stacks$/);
    // serveFakes: acme/intruder tags itself into payments; the payments
    // AppProject refuses it.
    const row = page.locator('tr', { hasText: 'acme/intruder' });
    await row.waitFor({ timeout: 120_000 });
    const text = await row.innerText();
    assert.match(text, /Refused by its AppProject/);
    assert.match(
      text,
      /Repository acme\/intruder tags itself into system payments, but Argo CD refused its Applications/,
    );
    assert.match(
      text,
      /application repo https:\/\/github.com\/acme\/intruder.git is not permitted in project 'payments'/,
    );
    assert.equal(
      await row
        .getByRole('link', { name: /Register intruder in system payments/ })
        .getAttribute('href'),
      '/create/templates/default/register-system',
    );
    // The healthy payments repository is not loose.
    assert.equal(
      await page.locator('tr', { hasText: 'acme/payments ' }).count(),
      0,
    );
    await expectNoErrorPanel(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'loose-stacks.png') });

    // The system's overview says why that repository deploys nothing.
    await page.goto(entityPage('system/payments'));
    const notice = page.getByTestId('loose-stacks-reason').first();
    await notice.waitFor({ timeout: 120_000 });
    assert.match(
      await notice.innerText(),
      /Repository acme\/intruder tags itself into system payments/,
    );
    await page
      .getByRole('list', { name: 'Deployment health' })
      .getByRole('status', { name: /dev: Healthy/ })
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({
      path: resolve(ARTIFACTS, 'system-overview.png'),
      fullPage: true,
    });
  }));

async function assertEventually(
  check: () => Promise<boolean | undefined>,
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise(r => setTimeout(r, 250));
  }
}

test('the fullstack template designs extra components and previews their manifests', () =>
  step(session.page, 'designer', async () => {
    const { page } = session;
    await page.goto(`${FRONTEND}/create/templates/default/fullstack`);
    await fillServicePage(page, 'orders');

    const designer = page.locator('[data-testid=stack-designer]');
    await designer.waitFor({ timeout: 60_000 });
    const addComponent = designer.getByRole('group', {
      name: 'Add a component',
    });
    for (const [name, type] of [
      ['worker', 'nodejs'],
      ['jobs-cache', 'redis'],
    ]) {
      await addComponent.getByLabel('Name').fill(name);
      await addComponent.getByLabel('Type').selectOption(type);
      await addComponent.getByRole('button', { name: 'Add component' }).click();
    }
    const addLink = designer.getByRole('group', { name: 'Add a link' });
    await addLink.getByLabel('From').selectOption('worker');
    await addLink.getByLabel('To').selectOption('jobs-cache');
    await addLink.getByRole('button', { name: 'Add link' }).click();
    await designer
      .getByRole('list', { name: 'Links' })
      .getByText('worker → jobs-cache')
      .waitFor();
    // The template starts the designer empty: only what we added is listed,
    // so nothing clashes with the golden path's own web, api and db.
    const listed = await designer
      .getByRole('list', { name: 'Components' })
      .locator('li strong')
      .allInnerTexts();
    assert.deepEqual(listed, ['worker', 'jobs-cache']);

    // The shared generator runs in the browser: the worker's manifests appear.
    const files = designer.getByRole('list', { name: 'Generated files' });
    const deployment = files.getByRole('button', {
      name: /deploy\/base\/worker\/deployment\.yaml/,
    });
    await deployment.click();
    const preview = designer.locator('[data-testid=stack-designer-preview]');
    assert.match(
      await preview.innerText(),
      /kind: Deployment[\s\S]*jobs-cache/,
    );
    assert.equal(
      await designer.getByRole('alert').count(),
      0,
      'the design is valid',
    );
    await expectNoErrorPanel(page);
    await page.screenshot({
      path: resolve(ARTIFACTS, 'designer.png'),
      fullPage: true,
    });
  }));

dayTwoTests(session, () => fakeGithub);

test("a service's Kubernetes tab shows its pods in each environment's namespace, with restarts", () =>
  step(session.page, 'kubernetes', async () => {
    const { page } = session;
    await page.goto(entityPage('component/payments-api'));
    await page
      .getByRole('list', { name: 'Deployment health' })
      .getByRole('status', { name: /dev: Healthy/ })
      .waitFor({ timeout: 120_000 });
    await expectNoErrorPanel(page);
    await page.screenshot({
      path: resolve(ARTIFACTS, 'service-overview.png'),
      fullPage: true,
    });

    // The entity page's tab (the header's first "Kubernetes").
    await page.getByText('Kubernetes', { exact: true }).first().click();
    await page.waitForURL(/\/kubernetes$/);
    // The plugin's error table: the restarted stage pod, from restartCount.
    const restarted = page.locator('tr', {
      hasText: 'payments-api-7d9c6b5f4-stage1',
    });
    await restarted.waitFor({ timeout: 60_000 });
    assert.match(
      await restarted.innerText(),
      /workloads\s+payments-stage\s+Pod\s+payments-api-7d9c6b5f4-stage1\s+container=payments-api restarted 3 times/,
    );
    // The cluster's summary counts only this service's pods (the selector
    // leaves payments-web's out), one of them with errors.
    const cluster = page.getByRole('button', { name: /workloads/ }).first();
    assert.match(await cluster.innerText(), /3 pods[\s\S]*1 pod with errors/);
    await cluster.click();
    // One Deployment per environment's namespace, each with its pod.
    for (const env of ['dev', 'stage', 'prod']) {
      // The accordion's expand icon: its name part opens a details drawer.
      const deployment = page.locator('.MuiAccordionSummary-root', {
        hasText: new RegExp(
          `payments-api\\s*Deployment\\s*namespace: payments-${env}`,
        ),
      });
      await deployment.locator('.MuiAccordionSummary-expandIcon').click();
      await page
        .locator('tr', { hasText: `payments-api-7d9c6b5f4-${env}1` })
        .last()
        .waitFor();
    }
    // Name, phase, status, containers ready, total restarts.
    const stageRow = page
      .locator('tr', { hasText: 'payments-api-7d9c6b5f4-stage1' })
      .last();
    assert.match(await stageRow.innerText(), /Running[\s\S]*1\/1\s+3\b/);
    assert.equal(await page.getByText(/payments-web-7d9c6b5f4/).count(), 0);
    // The entity's label selector is what reached the API server.
    assert.ok(
      kube!.requests.includes(
        `GET /api/v1/pods?labelSelector=${encodeURIComponent(
          'app.kubernetes.io/name=payments-api,app.kubernetes.io/part-of=payments',
        )}`,
      ),
      kube!.requests.join('\n'),
    );
    await page.screenshot({
      path: resolve(ARTIFACTS, 'kubernetes-tab.png'),
      fullPage: true,
    });
  }));

oidcSignInTests(session);
