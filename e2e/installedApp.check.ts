// The install test's browser half (scripts/install-test.sh makes the app): a
// fresh create-app app with our packed plugins, started with its own
// `yarn start` equivalent (`pnpm start`), must show the stack tabs on the
// stack it registered (scripts/install-test/entities.yaml). Not a *.test.ts:
// it needs the app that script builds, in INSTALLED_APP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
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

// Backstage 1.55's entity page (@backstage/plugin-catalog/alpha with the
// @backstage/ui 0.18 Header) lists the entity contents as links in a
// `<nav aria-label="Content navigation">` (HeaderNav), not as ARIA tabs.
// The tabs are clicked there, as a user would, within one page load: the
// dev server's unminified bundle is the slow part of every `goto`.
const tab = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });

test('the Topology tab draws the installed plugin graph', () =>
  step(session.page, 'installed-topology', async () => {
    const { page } = session;
    await page.goto(entity);
    // The tab comes from @idp-stack/plugin-stack/alpha, found by app.packages: all.
    await tab(page, 'Topology').click({ timeout: 120_000 });
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
    await tab(page, 'Health').click({ timeout: 60_000 });
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
    await tab(page, 'Builds').click({ timeout: 60_000 });
    await page
      .getByText(/stack\.github\.organizations|integrations\.github/)
      .first()
      .waitFor({ timeout: 60_000 });
    await page.screenshot({ path: resolve(ARTIFACTS, 'installed-builds.png') });
  }));
