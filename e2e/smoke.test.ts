// Browser smoke test of the whole portal: sign in as guest, find the example
// catalog, open the payments system and its relation graph.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS,
  FRONTEND,
  expectNoErrorPanel,
  launchBrowser,
  signInAsGuest,
  startPortal,
  type Portal,
} from './portal.ts';

let portal: Portal;
let browser: Browser;
let page: Page;

before(async () => {
  portal = await startPortal();
  console.log(`portal ready after ${portal.readySeconds.toFixed(1)} s`);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
});

after(async () => {
  await browser?.close();
  await portal?.stop();
});

test('guest sign-in leads into the portal', async () => {
  await signInAsGuest(page);
  await page.getByText('IDP Portal').first().waitFor({ timeout: 60_000 });
  await expectNoErrorPanel(page);
});

test('the catalog lists the example entities', async () => {
  await page.goto(`${FRONTEND}/catalog?filters[kind]=component&filters[user]=all`);
  for (const name of ['Payments API', 'Payments web', 'Receipts worker']) {
    await page.getByRole('link', { name }).first().waitFor({ timeout: 60_000 });
  }
  await expectNoErrorPanel(page);
  await page.screenshot({ path: resolve(ARTIFACTS, 'catalog.png') });
});

test('the payments system page shows its relations graph', async () => {
  await page.goto(`${FRONTEND}/catalog/default/system/payments`);
  await page.getByText('Checkout, payment processing and receipts.').first().waitFor({ timeout: 60_000 });
  // catalog-graph draws the system's parts as SVG nodes.
  const graphNode = page.locator('svg [data-testid="node"]', { hasText: /payments.?api/i });
  await graphNode.first().waitFor({ timeout: 60_000 });
  assert.ok((await page.locator('svg [data-testid="node"]').count()) >= 3);
  await expectNoErrorPanel(page);
  await page.screenshot({ path: resolve(ARTIFACTS, 'payments-system.png'), fullPage: true });
});
