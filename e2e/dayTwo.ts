// Day 2 in the browser: edit a stack and promote a build, each a pull request
// on the fake GitHub (plugins/stack-backend/bench/serveFakes.ts, whose
// acme/shop-api the scaffolder module's git fake keeps). Registered by
// e2e/stackPlugin.test.ts, whose portal and fakes they share: a second portal
// would cost its start (about 70 s) again.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { parse } from 'yaml';
import {
  ARTIFACTS,
  FRONTEND,
  expectNoErrorPanel,
  step,
  type PortalSession,
} from './portal.ts';

/** A pull request as the fake's `GET /_e2e/github` reports it. */
interface ReceivedPull {
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  parents: string[];
  main: string;
  /** Paths the head commit changes against its parent. */
  changed: string[];
  files: Record<string, string>;
}

async function received(github: string) {
  const res = await fetch(`${github}/_e2e/github`);
  assert.equal(res.status, 200);
  return (await res.json()) as { calls: string[]; pulls: ReceivedPull[] };
}

/**
 * The one pull request the fake received on a branch starting with
 * `headPrefix`, after asserting that the page's `link` points at it.
 */
async function theLinkedPull(
  github: string,
  headPrefix: string,
  link: Locator,
): Promise<{ calls: string[]; pull: ReceivedPull }> {
  const { calls, pulls } = await received(github);
  const matching = pulls.filter(p => p.head.startsWith(headPrefix));
  assert.equal(matching.length, 1, `one pull request from ${headPrefix}*`);
  const [pull] = matching;
  assert.equal(
    await link.getAttribute('href'),
    `https://github.com/acme/shop-api/pull/${pull.number}`,
  );
  return { calls, pull };
}

/** Catalog entity `acme/shop-api` was registered from, served by the fake GitHub. */
export const SHOP_LOCATION = {
  type: 'url',
  target: 'https://github.com/acme/shop-api/blob/main/catalog-info.yaml',
};

const shopPage = (tab: string) =>
  `${FRONTEND}/catalog/default/component/shop-api${tab}`;

export function dayTwoTests(session: PortalSession, github: () => string) {
  test('Edit stack on the Topology tab adds a linked Redis and opens a pull request with stack.yaml and the regenerated tree', () =>
    step(session.page, 'edit-stack', async () => {
      const { page } = session;
      await page.goto(shopPage('/topology'));
      // Shown to the entity's owners only (stack.change.propose); a
      // LinkButton, which MUI's ButtonBase gives the button role.
      await page
        .getByRole('button', { name: 'Edit stack' })
        .click({ timeout: 120_000 });
      await page.waitForURL(/\/create\/templates\/default\/edit-stack\?/);

      const designer = page.locator('[data-testid=stack-designer]');
      await designer.waitFor({ timeout: 120_000 });
      const components = designer.getByRole('list', { name: 'Components' });
      const links = designer.getByRole('list', { name: 'Links' });
      // The repository's stack.yaml at main, every part of it.
      assert.deepEqual(await components.locator('li strong').allInnerTexts(), [
        'shop-api',
        'db',
      ]);
      await links.getByText('shop-api → db/app').waitFor();

      const addComponent = designer.getByRole('group', {
        name: 'Add a component',
      });
      await addComponent.getByLabel('Name').fill('cache');
      await addComponent.getByLabel('Type').selectOption('redis');
      await addComponent.getByRole('button', { name: 'Add component' }).click();
      const addLink = designer.getByRole('group', { name: 'Add a link' });
      await addLink.getByLabel('From').selectOption('shop-api');
      await addLink.getByLabel('To').selectOption('cache');
      await addLink.getByRole('button', { name: 'Add link' }).click();
      await links.getByText('shop-api → cache').waitFor();
      assert.equal(
        await designer.getByRole('alert').count(),
        0,
        'the design is valid',
      );
      await page.screenshot({
        path: resolve(ARTIFACTS, 'edit-stack-designer.png'),
        fullPage: true,
      });

      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();
      // The task's output: the pull request the fake GitHub opened.
      const link = page.getByRole('link', { name: 'Pull request' });
      await link.waitFor({ timeout: 120_000 });
      const { calls, pull } = await theLinkedPull(
        github(),
        'idp/edit-stack-',
        link,
      );
      await expectNoErrorPanel(page);
      await page.screenshot({
        path: resolve(ARTIFACTS, 'edit-stack-pr.png'),
        fullPage: true,
      });

      // One tree, one commit on top of main, one pull request.
      const writes = calls.filter(c =>
        /^POST .*\/git\/(trees|commits)$/.test(c),
      );
      assert.deepEqual(writes, [
        'POST /repos/acme/shop-api/git/trees',
        'POST /repos/acme/shop-api/git/commits',
      ]);
      assert.equal(
        calls.filter(c => c === 'POST /repos/acme/shop-api/pulls').length,
        1,
      );
      assert.deepEqual(pull.parents, [pull.main]);
      assert.equal(pull.base, 'main');
      const stack = parse(pull.files['stack.yaml']);
      assert.deepEqual(
        stack.spec.components.find((c: any) => c.name === 'cache')?.type,
        'redis',
      );
      assert.ok(
        stack.spec.links.some(
          (l: any) => l.from === 'shop-api' && l.to === 'cache',
        ),
        'stack.yaml links shop-api to cache',
      );
      assert.ok(
        pull.changed.some(p => p.startsWith('deploy/base/cache/')),
        `the regenerated tree has the cache: ${pull.changed.join(', ')}`,
      );
      assert.ok(
        !pull.changed.some(p => p.includes('/images/')),
        'image pins untouched',
      );
      assert.match(pull.body, /## Objects per environment/);
      assert.match(pull.body, /`Service\/cache`/);
      // What a reviewer reads, kept for the report.
      writeFileSync(resolve(ARTIFACTS, 'edit-stack-pr.md'), pull.body);
    }));

  test('Promote on the Builds tab opens a pull request changing only the next environment’s image pin, listed under open promotions', () =>
    step(session.page, 'promote', async () => {
      const { page } = session;
      await page.goto(shopPage('/builds'));
      // Run 1 is what dev runs (serveFakes): it goes to stage next.
      const row = page.locator('tr', {
        has: page.getByRole('link', { name: /shop-api #1(?!\d)/ }),
      });
      await row.waitFor({ timeout: 120_000 });
      assert.match(await row.innerText(), /dev/);
      await row.getByRole('button', { name: 'Promote to stage' }).click();
      const link = row.getByRole('link', { name: /PR #\d+ to stage/ });
      await link.waitFor({ timeout: 60_000 });

      const { pull } = await theLinkedPull(github(), 'promote/stage/', link);
      const pin = 'deploy/overlays/stage/images/kustomization.yaml';
      assert.deepEqual(pull.changed, [pin]);
      assert.deepEqual(pull.parents, [pull.main]);
      // Stage now runs the image dev runs.
      const devPin = await (
        await fetch(
          `${github()}/repos/acme/shop-api/contents/deploy/overlays/dev/images/kustomization.yaml?ref=main`,
          { headers: { Accept: 'application/vnd.github.raw+json' } },
        )
      ).text();
      assert.deepEqual(
        parse(pull.files[pin]).images,
        parse(devPin).images,
        'stage pinned to the build dev runs',
      );
      assert.match(
        pull.title,
        /^Promote build #1 \([0-9a-f]{7}\) from dev to stage$/,
      );
      await expectNoErrorPanel(page);
      await page.screenshot({
        path: resolve(ARTIFACTS, 'promote-pr.png'),
        fullPage: true,
      });

      // The tab lists it among the open promotions (read when the tab opens).
      await page.reload();
      await page
        .getByRole('link', {
          name: new RegExp(
            `#${pull.number} ${pull.title.replace(/[()]/g, '\\$&')}`,
          ),
        })
        .waitFor({ timeout: 60_000 });
    }));
}
