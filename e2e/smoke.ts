// Browser smoke test of the whole portal: sign in as guest, find the example
// catalog, open the payments system and its relation graph. Runs in
// firstRun.test.ts's session (the portal on embedded defaults), so that it
// costs no portal start of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolve } from 'node:path';
import {
  ARTIFACTS,
  FRONTEND,
  expectNoErrorPanel,
  step,
  type PortalSession,
} from './portal.ts';

export function smokeTests(session: PortalSession) {
  test('guest sign-in leads into the portal', async () => {
    const { page } = session;
    // usePortal signed in: the home page opens with the portal's navigation.
    await page.goto(FRONTEND);
    await page
      .getByRole('link', { name: 'Catalog' })
      .first()
      .waitFor({ timeout: 60_000 });
    assert.match(await page.title(), /IDP Portal/);
    await expectNoErrorPanel(page);
  });

  test('the catalog lists the example entities', async () => {
    const { page } = session;
    await page.goto(
      `${FRONTEND}/catalog?filters[kind]=component&filters[user]=all`,
    );
    for (const name of ['Payments API', 'Payments web', 'Receipts worker']) {
      await page
        .getByRole('link', { name })
        .first()
        .waitFor({ timeout: 60_000 });
    }
    await expectNoErrorPanel(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'catalog.png') });
  });

  test('the payments system page shows its relations graph', () =>
    step(session.page, 'system-graph', async () => {
      const { page } = session;
      await page.goto(`${FRONTEND}/catalog/default/system/payments`);
      await page
        .getByText('Checkout, payment processing and receipts.')
        .first()
        .waitFor({ timeout: 60_000 });
      // catalog-graph draws the system's parts as SVG nodes.
      const graphNode = page.locator('svg [data-testid="node"]', {
        hasText: /payments.?api/i,
      });
      await graphNode.first().waitFor({ timeout: 60_000 });
      assert.ok((await page.locator('svg [data-testid="node"]').count()) >= 3);
      await expectNoErrorPanel(page);
      await page.screenshot({
        path: resolve(ARTIFACTS, 'payments-system.png'),
        fullPage: true,
      });
    }));
}
