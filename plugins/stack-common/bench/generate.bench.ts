/* eslint-disable no-console */
// Benchmark: generation time and memory for 10 / 50 / 100 / 1,000 components,
// with `kubectl kustomize` on the same output as the baseline in the same run.
// Run: pnpm --filter @internal/plugin-stack-common bench [-- --no-kustomize]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { generateManifests, validateStack, Stack } from '../src';

/**
 * Groups of 10 components: 5 nodejs services, a web workload and one of each data
 * type, 9 links per group. A stack has one hostname, so only the first group's web
 * is a frontend (it owns `/`); the others are nodejs services.
 */
function makeStack(n: number): Stack {
  const components: any[] = [];
  const links: any[] = [];
  for (let g = 0; components.length < n; g++) {
    const p = `g${g}`;
    const group = [
      ...[0, 1, 2, 3, 4].map(i => ({ name: `${p}-svc${i}`, type: 'nodejs' })),
      { name: `${p}-web`, type: g === 0 ? 'frontend' : 'nodejs' },
      { name: `${p}-db`, type: 'postgres', databases: [{ name: 'app' }] },
      { name: `${p}-cache`, type: 'redis', databases: [{ name: 'sessions', index: 0 }] },
      { name: `${p}-mq`, type: 'rabbitmq', queues: [{ name: 'jobs', deadLetter: true }] },
      { name: `${p}-store`, type: 'minio', buckets: [{ name: 'files' }] },
    ].slice(0, n - components.length);
    components.push(...group);
    const has = (name: string) => group.some(c => c.name === name);
    const link = (from: string, to: string) => has(from) && has(to.split('/')[0]) && links.push({ from, to });
    link(`${p}-web`, `${p}-svc0`);
    link(`${p}-svc0`, `${p}-svc1`);
    link(`${p}-svc1`, `${p}-svc2`);
    link(`${p}-svc0`, `${p}-db/app`);
    link(`${p}-svc1`, `${p}-cache/sessions`);
    link(`${p}-svc2`, `${p}-mq/jobs`);
    link(`${p}-svc3`, `${p}-mq/jobs`);
    link(`${p}-svc3`, `${p}-store/files`);
    link(`${p}-svc4`, `${p}-db`);
  }
  const r = validateStack({
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: { name: 'bench', system: 'bench', owner: 'group:bench' },
    spec: { components, links },
  });
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
  return r.stack;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function time(fn: () => void): number {
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
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let files = generateManifests(stack);
  const heapDelta = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const gen = median(Array.from({ length: runs }, () => time(() => (files = generateManifests(stack)))));

  if (!withKustomize) {
    rows.push(`| ${n} | ${stack.spec.links!.length} | ${files.length} | ${gen.toFixed(2)} ms | ${(gen / n).toFixed(3)} ms | ${heapDelta.toFixed(1)} MiB | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB | – | – |`);
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
      return time(() => execFileSync('kubectl', ['kustomize', join(root, 'deploy/overlays/prod')], { maxBuffer: 1 << 30, timeout: cap, killSignal: 'SIGKILL' }));
    } catch {
      return Infinity;
    }
  });
  const kustomize = median(kustomizeRuns);
  rmSync(root, { recursive: true, force: true });
  const rss = process.resourceUsage().maxRSS / 1024;
  rows.push(
    `| ${n} | ${stack.spec.links!.length} | ${files.length} | ${gen.toFixed(2)} ms | ${(gen / n).toFixed(3)} ms | ${heapDelta.toFixed(1)} MiB | ${rss.toFixed(0)} MiB | ${kustomize === Infinity ? `> ${cap / 1000} s (killed)` : `${kustomize.toFixed(0)} ms`} | ${kustomize === Infinity ? `> ${(cap / gen).toFixed(0)}` : (kustomize / gen).toFixed(0)}× |`,
  );
}
console.log('| components | links | files | generate (median) | per component | heap of one run | peak RSS so far | kubectl kustomize prod (median) | kustomize / generate |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
