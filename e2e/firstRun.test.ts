// The portal as a newcomer first starts it, on embedded defaults and without
// GitHub credentials: the smoke tests (smoke.ts), then the golden path as a
// developer tries it first: open the Node.js template in the scaffolder's
// template editor, fill the form and run it as a dry run. The dry run
// executes our real actions in the real backend and lists the files the
// template would push.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolve } from 'node:path';
import { installFakeDirectoryPicker, readTree } from './fakeDirectoryPicker.ts';
import { smokeTests } from './smoke.ts';
import {
  ARTIFACTS,
  FRONTEND,
  ROOT,
  expectNoErrorPanel,
  fillServicePage,
  step,
  usePortal,
} from './portal.ts';

const session = usePortal({
  // A first run: no GitHub credentials, whatever the caller's environment has.
  // Unset, not empty: Backstage refuses an empty integrations.github[].token.
  env: async () => ({ GITHUB_TOKEN: undefined }),
  viewport: { width: 1600, height: 1000 },
  prepare: page =>
    page.addInitScript(installFakeDirectoryPicker, {
      name: 'nodejs-service',
      files: readTree(resolve(ROOT, 'templates/nodejs-service')),
    }),
});

smokeTests(session);

test('the Node.js template runs as a dry run in the template editor', () =>
  step(session.page, 'template-editor', async () => {
    const { page } = session;
    // The owner picker lists groups from the catalog: wait until it has them.
    await page.goto(`${FRONTEND}/catalog/default/group/payments-team`);
    await page
      .getByText('Owns checkout and payment processing.')
      .first()
      .waitFor({ timeout: 120_000 });
    await page.goto(`${FRONTEND}/create/edit`);
    await page.getByText('Load Template Directory').first().click();
    // The editor shows the template's own files and its form.
    await page.getByText('template.yaml').first().waitFor({ timeout: 60_000 });

    await fillServicePage(page, 'orders-api');
    await page.getByRole('button', { name: 'Next' }).click();
    // The owner is fixed to the one organisation Argo CD watches (allowedOwners
    // preselects it); the repository field is an autocomplete: type, then leave
    // it so the value is committed.
    await page
      .getByLabel('Repository', { exact: false })
      .first()
      .pressSequentially('orders-api');
    await page.keyboard.press('Tab');
    await page.getByRole('button', { name: 'Review' }).click();
    await page.screenshot({ path: resolve(ARTIFACTS, 'template-review.png') });
    await page.getByRole('button', { name: 'Create' }).click();

    // The dry-run results list what would be pushed.
    for (const file of ['stack.yaml', 'catalog-info.yaml', 'deploy']) {
      await page
        .getByText(file, { exact: true })
        .first()
        .waitFor({ timeout: 120_000 });
    }
    // The generated overlays are there, and stack.yaml is the stack description.
    const results = page
      .getByText('Dry-run results')
      .locator('xpath=ancestor::*[4]');
    await results.getByText('deploy', { exact: true }).first().click();
    await results.getByText('overlays', { exact: true }).first().click();
    for (const env of ['dev', 'stage', 'prod']) {
      await results.getByText(env, { exact: true }).first().waitFor();
    }
    await results.getByText('stack.yaml', { exact: true }).first().click();
    await page.getByText('kind: Stack').first().waitFor();
    await expectNoErrorPanel(page);
    await page.screenshot({ path: resolve(ARTIFACTS, 'template-dry-run.png') });
    assert.equal(
      await page.getByText('Incomplete repository location').count(),
      0,
    );
  }));

test('without GitHub credentials the form says so on its first page and leads to the dry run', () =>
  step(session.page, 'publishing-notice', async () => {
    const { page } = session;
    await page.goto(`${FRONTEND}/create/templates/default/nodejs-service`);
    // StackPublishingNotice, asked from GET /api/stack/capabilities: the
    // portal runs without GITHUB_TOKEN (usePortal's env above).
    const notice = page.locator('[data-testid=stack-publishing-notice]');
    await notice.waitFor({ timeout: 120_000 });
    assert.match(
      await notice.innerText(),
      /Publishing needs a GitHub integration[\s\S]*integrations\.github\[\]\.token[\s\S]*GITHUB_TOKEN/,
    );
    // It is above the first field, before anything is filled in.
    const noticeTop = (await notice.boundingBox())!.y;
    const nameTop = (await page
      .getByLabel('Name', { exact: false })
      .first()
      .boundingBox())!.y;
    assert.ok(noticeTop < nameTop, 'the notice is above the Name field');
    await page.screenshot({
      path: resolve(ARTIFACTS, 'publishing-notice.png'),
    });
    await notice.getByRole('link', { name: 'template editor' }).click();
    await page.getByText('Load Template Directory').first().waitFor();
  }));
