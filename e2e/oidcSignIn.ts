// A real OIDC sign-in through the portal's login page, run in
// stackPlugin.test.ts's portal (which offers guest and OIDC sign-in) so that
// it costs no portal start of its own. A local OpenID Connect server
// (oidc-provider, packages/backend/src/__testUtils__/oidcServer.mjs) knows the
// people of examples/org.yaml; Ada (payments-team) and Linus (receipts-team)
// sign in through its login form in Chromium's popup, each in a browser
// context of their own, and each sees Sync enabled on their own team's
// service and disabled on the other's (the policy of
// plugins/permission-backend-module-stack-policy).
// Their API tokens against a production backend: packages/backend/src/signIn.test.ts.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { spawnJson } from '../packages/backend/src/__testUtils__/processes.ts';
import {
  ARTIFACTS,
  FRONTEND,
  ROOT,
  step,
  type PortalSession,
} from './portal.ts';

let server: ChildProcess | undefined;

/**
 * Starts the OIDC server and returns the portal's config for it, as env
 * vars: OIDC beside guest on the sign-in page, and the Sync buttons on.
 */
export async function startOidc(): Promise<NodeJS.ProcessEnv> {
  const { child, info } = await spawnJson(
    [
      resolve(ROOT, 'packages/backend/src/__testUtils__/oidcServer.mjs'),
      'http://localhost:7007/api/auth/oidc/handler/frame',
    ],
    ROOT,
  );
  server = child;
  return {
    APP_CONFIG_app_signInProviders: JSON.stringify(['guest', 'oidc']),
    APP_CONFIG_auth_session_secret: 'e2e-session-secret',
    APP_CONFIG_auth_providers_oidc_development: JSON.stringify({
      metadataUrl: info.metadataUrl,
      clientId: info.clientId,
      clientSecret: info.clientSecret,
      prompt: 'auto',
      signIn: {
        resolvers: [{ resolver: 'emailMatchingUserEntityProfileEmail' }],
      },
    }),
    APP_CONFIG_stack_actions_enabled: 'true',
  };
}

export function stopOidc() {
  server?.kill('SIGTERM');
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

/** Signs `email` in on a page of its own (a new browser context) and runs `fn`. */
async function asPerson(
  session: PortalSession,
  email: string,
  name: string,
  fn: (page: Page) => Promise<void>,
) {
  const page = await session.browser.newPage({
    viewport: { width: 1500, height: 1000 },
  });
  page.setDefaultNavigationTimeout(180_000);
  try {
    await step(page, name, async () => {
      await signInWithOidc(page, email);
      await fn(page);
    });
  } finally {
    await page.close();
  }
}

export function oidcSignInTests(session: PortalSession) {
  test('Ada (payments-team) signs in with OIDC and may sync Payments API and not Receipts worker', () =>
    asPerson(session, 'ada@example.com', 'oidc-ada', async page => {
      await expectEnabled(page, 'Payments API', true);
      await expectEnabled(page, 'Receipts worker', false);
      await page.screenshot({
        path: resolve(ARTIFACTS, 'oidc-ada-health.png'),
      });
    }));

  test('Linus (receipts-team) signs in through the same page and may sync only Receipts worker', () =>
    asPerson(session, 'linus@example.com', 'oidc-linus', async page => {
      await expectEnabled(page, 'Receipts worker', true);
      await expectEnabled(page, 'Payments API', false);
    }));
}
