/* eslint-disable no-console */
// Time from navigation to interactive for a 300-node topology in headless
// Chromium (Debian's /usr/bin/chromium via playwright-core): the page is
// bench/browser/page.tsx bundled with esbuild (production React). Baseline:
// the same page with dagre (catalog-graph's layout engine) swapped in for
// our layout. Medians of RUNS fresh page loads each.
//   node bench/browser-topology.bench.mjs      (N=300 RUNS=7 by default)
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const N = Number(process.env.N ?? 300);
const RUNS = Number(process.env.RUNS ?? 7);

const useDagre = {
  name: 'use-dagre',
  setup(b) {
    b.onResolve({ filter: /lib\/layoutTopology$/ }, () => ({
      path: join(here, 'browser/dagreLayout.ts'),
    }));
  },
};

async function bundle(dir, name, plugins) {
  await build({
    entryPoints: [join(here, 'browser/page.tsx')],
    bundle: true,
    minify: true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: join(dir, `${name}.js`),
    plugins,
    logLevel: 'error',
  });
  writeFileSync(
    join(dir, `${name}.html`),
    `<!doctype html><html><body><div id="root"></div><script src="${name}.js"></script></body></html>`,
  );
  return pathToFileURL(join(dir, `${name}.html`)).href;
}

const dir = mkdtempSync(join(tmpdir(), 'stack-topology-bench-'));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
try {
  const variants = [
    ['ours', await bundle(dir, 'ours', [])],
    ['dagre baseline', await bundle(dir, 'dagre', [useDagre])],
  ];
  const results = {};
  for (const [label, url] of variants) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      const errors = [];
      page.on('pageerror', e => errors.push(e.message));
      page.on('console', m => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${url}?n=${N}`);
      await page.waitForFunction(
        () => window.__interactive !== undefined,
        null,
        { timeout: 120_000 },
      );
      const t = await page.evaluate(() => window.__interactive);
      const nodes = await page
        .locator('[data-testid=stack-topology-node]')
        .count();
      if (nodes !== N || errors.length)
        throw new Error(
          `${label}: ${nodes} nodes drawn, errors: ${errors.join('; ')}`,
        );
      times.push(t);
      await page.close();
    }
    times.sort((a, b) => a - b);
    results[label] = times[Math.floor(times.length / 2)];
    console.log(
      `${label}: ${N} nodes, navigation → interactive median ${results[
        label
      ].toFixed(0)} ms (runs: ${times.map(x => x.toFixed(0)).join(', ')})`,
    );
  }
  console.log(
    `ratio ours / dagre baseline: ${(
      results.ours / results['dagre baseline']
    ).toFixed(2)}`,
  );
  // The dark theme draws the same graph with no console errors, in its own colours.
  const page = await browser.newPage();
  const errors = [];
  page.on('console', m => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${variants[0][1]}?n=${N}&theme=dark`);
  await page.waitForFunction(() => window.__interactive !== undefined, null, {
    timeout: 120_000,
  });
  const background = await page
    .locator('[data-testid=stack-topology-node] rect')
    .first()
    .getAttribute('fill');
  const nodes = await page.locator('[data-testid=stack-topology-node]').count();
  if (nodes !== N || errors.length)
    throw new Error(`dark theme: ${nodes} nodes, errors: ${errors.join('; ')}`);
  console.log(
    `dark theme: ${nodes} nodes, node fill ${background}, no console errors`,
  );
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
