// The install test's browser half (scripts/install-test.sh makes the app): a
// fresh create-app app with our packed plugins, started with its own
// `yarn start` equivalent (`pnpm start`), must show the stack tabs on the
// stack it registered (scripts/install-test/entities.yaml). Not a *.test.ts:
// it needs the app that script builds, in INSTALLED_APP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolve } from 'node:path';
import {
  ARTIFACTS,
  FRONTEND,
  expectNoErrorPanel,
  step,
  usePortal,
} from './portal.ts';

const app = process.env.INSTALLED_APP;
if (!app)
  throw new Error('INSTALLED_APP: the app scripts/install-test.sh made');

const session = usePortal({
  start: { command: ['pnpm', 'start'], cwd: app, log: 'installed-app.log' },
  viewport: { width: 1400, height: 900 },
});
const entity = `${FRONTEND}/catalog/default/component/ledger-api`;

test('the Topology tab draws the installed plugin graph', () =>
  step(session.page, 'installed-topology', async () => {
    const { page } = session;
    await page.goto(entity);
    // The tab comes from @idp-stack/plugin-stack/alpha, found by app.packages: all.
    await page
      .getByRole('tab', { name: 'Topology' })
      .click({ timeout: 120_000 });
    await page
      .locator('[data-testid=stack-topology-node][aria-label^="Ledger API"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await expectNoErrorPanel(page);
    await page.screenshot({
      path: resolve(ARTIFACTS, 'installed-topology.png'),
    });
  }));

test('the Health tab asks the installed backend and names the missing config key', () =>
  step(session.page, 'installed-health', async () => {
    const { page } = session;
    await page.goto(`${entity}/health`);
    // Only an answer of the stack backend's /health/batch (no instances) leads here.
    await page
      .getByText('No Argo CD instance configured')
      .waitFor({ timeout: 60_000 });
    assert.ok(
      await page
        .getByText(/stack\.argocd\.instances/)
        .first()
        .isVisible(),
    );
    await expectNoErrorPanel(page);
  }));

test('the Builds tab names the GitHub keys it is missing', () =>
  step(session.page, 'installed-builds', async () => {
    const { page } = session;
    await page.goto(entity);
    await page.getByRole('tab', { name: 'Builds' }).click({ timeout: 60_000 });
    await page
      .getByText(/stack\.github\.organizations|integrations\.github/)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: resolve(ARTIFACTS, 'installed-builds.png') });
  }));
