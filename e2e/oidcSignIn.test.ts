// A real OIDC sign-in through the portal's login page: a local OpenID Connect
// server (oidc-provider, packages/backend/src/__testUtils__/oidcServer.mjs)
// knows the people of examples/org.yaml; Ada (payments-team) and Linus
// (receipts-team) sign in through its login form in Chromium's popup, and
// each sees Sync enabled on their own team's service and disabled on the
// other's (the policy of plugins/permission-backend-module-stack-policy).
// Their API tokens against a production backend: packages/backend/src/signIn.test.ts.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { spawnJson as spawnProcessJson } from '../packages/backend/src/__testUtils__/processes.ts';
import { ARTIFACTS, FRONTEND, ROOT, step, usePortal } from './portal.ts';

const children: ChildProcess[] = [];

async function spawnJson(args: string[]) {
  const { child, info } = await spawnProcessJson(args, ROOT);
  children.push(child);
  return info;
}

async function upstreams(): Promise<NodeJS.ProcessEnv> {
  const oidc = await spawnJson([
    resolve(ROOT, 'packages/backend/src/__testUtils__/oidcServer.mjs'),
    'http://localhost:7007/api/auth/oidc/handler/frame',
  ]);
  const fakes = await spawnJson([
    '--require',
    resolve(ROOT, 'node_modules/@backstage/cli-node/config/nodeTransform.cjs'),
    resolve(ROOT, 'plugins/stack-backend/bench/serveFakes.ts'),
  ]);
  return {
    APP_CONFIG_app_signInProviders: JSON.stringify(['oidc']),
    APP_CONFIG_auth_session_secret: 'e2e-session-secret',
    APP_CONFIG_auth_providers_oidc_development: JSON.stringify({
      metadataUrl: oidc.metadataUrl,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      prompt: 'auto',
      signIn: {
        resolvers: [{ resolver: 'emailMatchingUserEntityProfileEmail' }],
      },
    }),
    APP_CONFIG_stack_argocd_instances: JSON.stringify([
      { name: 'main', url: fakes.argo, token: fakes.token },
    ]),
    APP_CONFIG_stack_actions_enabled: 'true',
    APP_CONFIG_integrations_github: JSON.stringify([
      {
        host: 'github.com',
        apiBaseUrl: fakes.github,
        token: 'e2e-github-token',
      },
    ]),
  };
}

/** Signs in on the portal's login page through the IdP's popup. */
async function signInWithOidc(page: Page, email: string) {
  await page.goto(FRONTEND);
  const button = page.getByRole('button', { name: 'Sign In' });
  await button.waitFor({ timeout: 60_000 });
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    button.click(),
  ]);
  await popup.locator('input[name="login"]').fill(email, { timeout: 60_000 });
  await popup.locator('input[name="password"]').fill('any');
  await popup.locator('button[type="submit"]').click();
  await popup
    .getByRole('button', { name: 'Continue' })
    .click({ timeout: 30_000 });
  await page.getByText('Settings').first().waitFor({ timeout: 60_000 });
}

const session = usePortal({
  env: upstreams,
  signIn: page => signInWithOidc(page, 'ada@example.com'),
  cleanup: () => children.forEach(c => c.kill('SIGTERM')),
});

async function syncButton(page: Page, service: string) {
  await page.goto(`${FRONTEND}/catalog/default/system/payments/health`);
  const cell = page.locator(`[data-testid="health-cell-${service}-dev"]`);
  const button = cell.getByRole('button', { name: 'Sync dev' });
  await button.waitFor({ timeout: 60_000 });
  return { cell, button };
}

/**
 * Waits for the permission decision to settle on the expected state. A
 * button is also disabled while its decision is loading, so "disabled" only
 * counts once the reason for it is shown.
 */
async function expectEnabled(page: Page, service: string, enabled: boolean) {
  const { cell, button } = await syncButton(page, service);
  if (enabled) {
    await button.and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  } else {
    await cell
      .getByText('Only the owners of this service can sync dev.')
      .waitFor({ timeout: 30_000 });
  }
  assert.equal(await button.isEnabled(), enabled, `Sync dev of ${service}`);
}

test('Ada (payments-team) may sync Payments API and not Receipts worker', () =>
  step(session.page, 'oidc-ada', async () => {
    await expectEnabled(session.page, 'Payments API', true);
    await expectEnabled(session.page, 'Receipts worker', false);
    await session.page.screenshot({
      path: resolve(ARTIFACTS, 'oidc-ada-health.png'),
    });
  }));

test('Linus (receipts-team) signs in through the same page and may sync only Receipts worker', async () => {
  const page = await session.browser.newPage({
    viewport: { width: 1500, height: 1000 },
  });
  try {
    await step(page, 'oidc-linus', async () => {
      await signInWithOidc(page, 'linus@example.com');
      await expectEnabled(page, 'Receipts worker', true);
      await expectEnabled(page, 'Payments API', false);
    });
  } finally {
    await page.close();
  }
});
