// Starts the real portal (scripts/start.sh: frontend dev server + backend) and
// drives Debian's Chromium through playwright-core. Never downloads a browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..');
export const ARTIFACTS = resolve(ROOT, 'artifacts/e2e');
export const FRONTEND = 'http://localhost:3000';
export const BACKEND = 'http://localhost:7007';

async function waitFor(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the portal exited with ${child.exitCode}; see artifacts/e2e/portal.log`);
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

export async function startPortal(env: NodeJS.ProcessEnv = {}): Promise<Portal> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(resolve(ARTIFACTS, 'portal.log'), 'w');
  const started = Date.now();
  const child = spawn('bash', [resolve(ROOT, 'scripts/start.sh')], {
    cwd: ROOT,
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

export async function launchBrowser(): Promise<Browser> {
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
export async function signInAsGuest(page: Page) {
  await page.goto(FRONTEND);
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.waitFor({ timeout: 60_000 });
  await enter.click();
  // The session is stored once the app has left the sign-in page.
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  await page.getByText('Settings').first().waitFor({ timeout: 60_000 });
}

/** Fails when the page shows one of Backstage's error panels. */
export async function expectNoErrorPanel(page: Page) {
  const panels = page.locator('[class*="BackstageErrorPanel"], [class*="MuiAlert-standardError"]');
  const count = await panels.count();
  if (count > 0) {
    throw new Error(`the page shows an error panel: ${await panels.first().innerText()}`);
  }
}

/** Runs a browser step and leaves a screenshot behind when it fails. */
export async function step(page: Page, name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (error) {
    await page.screenshot({ path: resolve(ARTIFACTS, `failed-${name}.png`) }).catch(() => {});
    throw error;
  }
}
