/* eslint-disable no-console */
// Benchmark: generation time and memory for 10 / 50 / 100 / 1,000 components,
// with `kubectl kustomize` on the same output as the baseline in the same run.
// "cold" empties manifestYaml's memo before each generation (a CLI run, a fresh
// backend); "warm" generates again with it filled (the designer's live preview).
// Run: pnpm --filter @idp-stack/plugin-stack-common bench [-- --no-kustomize]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateManifests } from '../src';
import { forgetManifestYamlMemo } from '../src/yaml/manifestYaml';
import { makeStack } from './makeStack';

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const withKustomize = !process.argv.includes('--no-kustomize');
const rows: string[] = [];
for (const n of [10, 50, 100, 1000]) {
  const stack = makeStack(n);
  const runs = n >= 1000 ? 9 : 31;
  for (let i = 0; i < 3; i++) generateManifests(stack); // warm-up (JIT)
  forgetManifestYamlMemo();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const files = generateManifests(stack);
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const coldRuns: number[] = [];
  const warmRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    forgetManifestYamlMemo();
    coldRuns.push(time(() => generateManifests(stack)));
    warmRuns.push(time(() => generateManifests(stack)));
  }
  const gen = median(coldRuns);
  const warm = median(warmRuns);

  if (!withKustomize) {
    rows.push(
      `| ${n} | ${stack.spec.links!.length} | ${files.length} | ${gen.toFixed(
        2,
      )} ms | ${(gen / n).toFixed(3)} ms | ${warm.toFixed(
        2,
      )} ms | ${heapDelta.toFixed(1)} MiB | ${(
        process.resourceUsage().maxRSS / 1024
      ).toFixed(0)} MiB | – | – |`,
    );
    continue;
  }
  const root = mkdtempSync(join(tmpdir(), 'stack-bench-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  // kustomize is super-linear in resources (kustomize #5082): one capped run at 1,000 components.
  const cap = 90_000;
  const kustomizeRuns = Array.from({ length: n >= 1000 ? 1 : 5 }, () => {
    try {
      return time(() =>
        execFileSync(
          'kubectl',
          ['kustomize', join(root, 'deploy/overlays/prod')],
          { maxBuffer: 1 << 30, timeout: cap, killSignal: 'SIGKILL' },
        ),
      );
    } catch {
      return Infinity;
    }
  });
  const kustomize = median(kustomizeRuns);
  rmSync(root, { recursive: true, force: true });
  const rss = process.resourceUsage().maxRSS / 1024;
  rows.push(
    `| ${n} | ${stack.spec.links!.length} | ${files.length} | ${gen.toFixed(
      2,
    )} ms | ${(gen / n).toFixed(3)} ms | ${warm.toFixed(
      2,
    )} ms | ${heapDelta.toFixed(1)} MiB | ${rss.toFixed(0)} MiB | ${
      kustomize === Infinity
        ? `> ${cap / 1000} s (killed)`
        : `${kustomize.toFixed(0)} ms`
    } | ${
      kustomize === Infinity
        ? `> ${(cap / gen).toFixed(0)}`
        : (kustomize / gen).toFixed(0)
    }× |`,
  );
}
console.log(
  '| components | links | files | generate cold (median) | per component | generate warm (median) | heap of one run | peak RSS so far | kubectl kustomize prod (median) | kustomize / generate cold |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
