// Starts the real portal (scripts/start.sh: frontend dev server + backend) and
// drives Debian's Chromium through playwright-core. Never downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
export const ARTIFACTS = resolve(ROOT, 'artifacts/e2e');
// Another app (the install test's) runs on free ports and names them here.
export const FRONTEND = process.env.IDP_E2E_FRONTEND ?? 'http://localhost:3000';
const BACKEND = process.env.IDP_E2E_BACKEND ?? 'http://localhost:7007';

async function waitFor(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `the portal exited with ${child.exitCode}; see its log in artifacts/e2e`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export interface Portal {
  /** Seconds from spawn until both frontend and backend answered. */
  readySeconds: number;
  stop(): Promise<void>;
}

/** What starts the portal; another app (the install test's) brings its own. */
export interface PortalCommand {
  command: string[];
  cwd: string;
  /** File name under artifacts/e2e. */
  log: string;
}

async function startPortal(
  env: NodeJS.ProcessEnv = {},
  start: PortalCommand = {
    command: ['bash', resolve(ROOT, 'scripts/start.sh')],
    cwd: ROOT,
    log: 'portal.log',
  },
): Promise<Portal> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(resolve(ARTIFACTS, start.log), 'w');
  const started = Date.now();
  const child = spawn(start.command[0], start.command.slice(1), {
    cwd: start.cwd,
    env: { ...process.env, ...env, BROWSER: 'none' },
    stdio: ['ignore', log, log],
    detached: true, // its own process group, so stop() ends the whole tree
  });
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    process.kill(-child.pid!, 'SIGTERM');
    await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
  };
  try {
    await waitFor(`${BACKEND}/.backstage/health/v1/readiness`, child, 300_000);
    await waitFor(FRONTEND, child, 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { readySeconds: (Date.now() - started) / 1000, stop };
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // The machine has no network: without these Chromium keeps dialling out.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in with the guest provider on the sign-in page, if it is shown. */
async function signInAsGuest(page: Page) {
  await page.goto(FRONTEND);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 60_000 });
  // A click that lands before the app has wired its handlers, or while the
  // auth backend is still starting, does nothing: try again for a minute.
  const deadline = Date.now() + 60_000;
  for (;;) {
    await enter.click().catch(() => {});
    const left = await enter
      .waitFor({ state: 'detached', timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (left) break;
    if (Date.now() > deadline)
      throw new Error('guest sign-in did not leave the sign-in page');
  }
  await page.getByText('Settings').first().waitFor({ timeout: 60_000 });
}

/** Fails when the page shows one of Backstage's error panels. */
export async function expectNoErrorPanel(page: Page) {
  const panels = page.locator(
    // the last: our plugins' WarningPanel with severity error
    '[class*="BackstageErrorPanel"], [class*="MuiAlert-standardError"], [data-severity="error"]',
  );
  const count = await panels.count();
  if (count > 0) {
    throw new Error(
      `the page shows an error panel: ${await panels.first().innerText()}`,
    );
  }
}

/** Runs a browser step and leaves a screenshot behind when it fails. */
export async function step(page: Page, name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    await page
      .screenshot({ path: resolve(ARTIFACTS, `failed-${name}.png`) })
      .catch(() => {});
    throw error;
  }
}

export interface PortalSession {
  page: Page;
  portal: Portal;
  browser: Browser;
}

/**
 * Registers before/after hooks for a test file: starts the portal (with extra
 * environment from `env`), opens Chromium, runs `prepare` (e.g. init scripts)
 * and signs in as guest. The returned object is filled in before the tests run.
 */
export function usePortal(
  options: {
    env?: () => Promise<NodeJS.ProcessEnv>;
    prepare?: (page: Page) => Promise<void>;
    viewport?: { width: number; height: number };
    cleanup?: () => void;
    /** How the first page signs in; default guest. */
    signIn?: (page: Page) => Promise<void>;
    /** Default: this repository's scripts/start.sh. */
    start?: PortalCommand;
  } = {},
): PortalSession {
  const session = {} as PortalSession;
  let browser: Browser | undefined;
  before(async () => {
    session.portal = await startPortal(await options.env?.(), options.start);
    console.log(
      `portal ready after ${session.portal.readySeconds.toFixed(1)} s`,
    );
    browser = await launchBrowser();
    session.browser = browser;
    session.page = await browser.newPage({
      viewport: options.viewport ?? { width: 1500, height: 1000 },
    });
    // The dev server serves freshly built, unminified bundles: on two busy
    // cores a page load can take longer than playwright's 30 s default.
    session.page.setDefaultNavigationTimeout(180_000);
    await options.prepare?.(session.page);
    await (options.signIn ?? signInAsGuest)(session.page);
  });
  after(async () => {
    await browser?.close();
    await session.portal?.stop();
    options.cleanup?.();
  });
  return session;
}

/**
 * Fills the first page that every golden-path template shares (name, owner
 * picked from the catalog's groups, system) and goes to the next page.
 */
export async function fillServicePage(page: Page, name: string) {
  await page.getByLabel('Name', { exact: false }).first().fill(name);
  const owner = page.getByLabel('Owner', { exact: false }).first();
  await owner.click();
  await owner.fill('payments');
  await page
    .getByRole('option', { name: /payments-team/ })
    .first()
    .click();
  await page.getByLabel('System', { exact: false }).first().fill('payments');
  await page.getByRole('button', { name: 'Next' }).click();
}
