/* eslint-disable no-console */
// Benchmark: `kubectl kustomize deploy/overlays/prod` of the layout before the
// one-policy-per-pod-group layout (the baseline commit's own generator, taken
// from git) and of this tree's, in the same run, interleaved, at 10 / 50 / 100
// / 200 / 1,000 components (bench/makeStack.ts); plus the rendered-manifests
// alternative (Argo CD reading the plain rendered YAML, no kustomize). Checks
// that both layouts render the same objects: every object but the
// NetworkPolicies byte-equal after parsing, the NetworkPolicies equal as the
// set of (pods, direction, peer, port) they allow and isolate.
// Run: pnpm --filter @idp-stack/plugin-stack-common bench:kustomize
//        [-- --sizes 10,50,100 --runs 5 --cap 180 --baseline <commit>]
import { execFileSync, spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { generateManifests, GeneratedFile, Stack } from '../src';
import { canonical, policyMeaning } from '../src/testUtils/policyMeaning';
import { benchArg, benchNumber } from './benchArgs';
import { makeStack } from './makeStack';

const SIZES = benchArg('sizes', '10,50,100,200,1000').split(',').map(Number);
const RUNS = benchNumber('runs', 5);
/** Wall-clock cap of one render, seconds: Argo CD's repo server gives up at 90 s by default. */
const CAP_S = benchNumber('cap', 180);
const PKG = resolve(__dirname, '..');

/** The commit before the new layout: parent of the commit that added this bench. */
function baselineCommit(): string {
  const given = benchArg('baseline', '');
  if (given) return given;
  const added = execFileSync(
    'git',
    ['log', '--diff-filter=A', '--format=%H', '--', 'bench/kustomize.bench.ts'],
    { cwd: PKG, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .pop();
  if (!added)
    throw new Error(
      'bench/kustomize.bench.ts is not committed: pass --baseline',
    );
  return `${added}^`;
}

/**
 * The baseline's src/ extracted below this package's node_modules: its
 * imports resolve to the same dependencies, and neither Jest nor git sees a
 * second copy of the sources there.
 */
async function baselineGenerator(
  commit: string,
): Promise<{ generate: (s: Stack) => GeneratedFile[]; cleanup: () => void }> {
  const cache = join(PKG, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'kustomize-bench-baseline-'));
  const archive = execFileSync(
    'git',
    ['archive', '--format=tar', commit, 'src'],
    { cwd: PKG, maxBuffer: 1 << 28 },
  );
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  const mod = await import(join(dir, 'src/generator/generateManifests.ts'));
  return {
    generate: mod.generateManifests,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function writeTree(files: GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'kustomize-bench-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  return root;
}

type Render = { wall: number; cpu: number; out?: string };

/** One `kubectl kustomize`, wall and CPU seconds (user + sys of the child, from bash's `times`). */
function render(dir: string): Render {
  const out = join(dir, 'rendered.yaml');
  const t = process.hrtime.bigint();
  const r = spawnSync(
    'bash',
    ['-c', 'kubectl kustomize "$1" > "$2" && times', '_', dir, out],
    { encoding: 'utf8', timeout: CAP_S * 1000, killSignal: 'SIGKILL' },
  );
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) {
    if (r.signal) return { wall: Infinity, cpu: Infinity };
    throw new Error(`kubectl kustomize ${dir}: ${r.stderr}`);
  }
  // `times` prints the shell's then its children's "user sys" line.
  const children = r.stdout.trim().split('\n').pop()!;
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    m => Number(m[1]) * 60 + Number(m[2]),
  );
  return {
    wall,
    cpu: secs[0] + secs[1],
    out: readFileSync(out, 'utf8'),
  };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Obj = Record<string, any>;
const parse = (text: string): Obj[] =>
  parseAllDocuments(text).map(d => d.toJS() as Obj);

/** Equal object sets, NetworkPolicies by meaning; throws with the first difference. */
function compareRenders(before: string, after: string) {
  const split = (text: string) => {
    const all = parse(text);
    const policies = all.filter(o => o.kind === 'NetworkPolicy');
    const rest = all
      .filter(o => o.kind !== 'NetworkPolicy')
      .map(canonical)
      .sort();
    return { all, policies, rest };
  };
  const a = split(before);
  const b = split(after);
  if (!isDeepStrictEqual(a.rest, b.rest)) {
    const missing = a.rest.find(o => !b.rest.includes(o));
    const extra = b.rest.find(o => !a.rest.includes(o));
    throw new Error(
      `rendered objects differ:\n- ${missing?.slice(0, 300)}\n+ ${extra?.slice(
        0,
        300,
      )}`,
    );
  }
  const ma = policyMeaning(a.policies);
  const mb = policyMeaning(b.policies);
  if (!isDeepStrictEqual(ma, mb))
    throw new Error(
      `NetworkPolicies differ in meaning:\n- ${ma.find(
        x => !mb.includes(x),
      )}\n+ ${mb.find(x => !ma.includes(x))}`,
    );
  return {
    before: a.all.length,
    after: b.all.length,
    identical: a.rest.length,
    policies: `${a.policies.length} → ${b.policies.length}`,
    flows: ma.length,
  };
}

/**
 * The rendered-manifests alternative: CPU seconds to read and parse the same
 * objects as plain YAML files, one per object (a stand-in for Argo CD's
 * directory source, which reads and splits YAML without kustomize).
 */
function readPlain(text: string): number {
  const root = mkdtempSync(join(tmpdir(), 'rendered-bench-'));
  try {
    // One file per object, like a rendered-manifests commit.
    const docs = text.split(/^---\n/m);
    docs.forEach((d, i) => writeFileSync(join(root, `${i}.yaml`), d));
    const t = process.cpuUsage();
    let n = 0;
    for (let i = 0; i < docs.length; i++)
      n += parseAllDocuments(
        readFileSync(join(root, `${i}.yaml`), 'utf8'),
      ).length;
    if (n !== docs.length) throw new Error('lost documents');
    const used = process.cpuUsage(t);
    return (used.user + used.system) / 1e6;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const commit = baselineCommit();
  const baseline = await baselineGenerator(commit);
  const rows: string[] = [];
  const cpu = new Map<number, [number, number]>();
  try {
    console.log(
      `baseline ${execFileSync('git', ['rev-parse', '--short', commit], {
        cwd: PKG,
        encoding: 'utf8',
      }).trim()}, ${RUNS} runs (1 at 1,000), cap ${CAP_S} s, load ${
        readFileSync('/proc/loadavg', 'utf8').split(' ')[0]
      }`,
    );
    for (const n of SIZES) {
      const stack = makeStack(n);
      const oldDir = writeTree(baseline.generate(stack));
      const newDir = writeTree(generateManifests(stack));
      const runs = n >= 1000 ? 1 : RUNS;
      const olds: Render[] = [];
      const news: Render[] = [];
      for (let i = 0; i < runs; i++) {
        olds.push(render(join(oldDir, 'deploy/overlays/prod')));
        news.push(render(join(newDir, 'deploy/overlays/prod')));
      }
      const oldOut = olds.find(r => r.out)?.out;
      const newOut = news.find(r => r.out)?.out;
      const eq = oldOut && newOut ? compareRenders(oldOut, newOut) : undefined;
      const plain = newOut
        ? median(Array.from({ length: runs }, () => readPlain(newOut)))
        : NaN;
      rmSync(oldDir, { recursive: true, force: true });
      rmSync(newDir, { recursive: true, force: true });
      const s = (x: number) =>
        x === Infinity ? `> ${CAP_S} s` : `${x.toFixed(2)} s`;
      const ow = median(olds.map(r => r.wall));
      const nw = median(news.map(r => r.wall));
      const oc = median(olds.map(r => r.cpu));
      const nc = median(news.map(r => r.cpu));
      cpu.set(n, [oc, nc]);
      const row = [
        n,
        eq ? `${eq.before} → ${eq.after}` : '–',
        eq ? eq.policies : '–',
        s(ow),
        s(nw),
        s(oc),
        s(nc),
        oc === Infinity || nc === Infinity ? '–' : (nc / oc).toFixed(2),
        Number.isNaN(plain) ? '–' : `${(plain * 1000).toFixed(0)} ms`,
        eq
          ? `equal: ${eq.identical} objects identical, ${eq.flows} policy flows`
          : 'not compared (capped)',
      ];
      rows.push(`| ${row.join(' | ')} |`);
      console.log(rows[rows.length - 1]);
    }
  } finally {
    baseline.cleanup();
  }
  console.log(
    '\n| components | objects before → after | NetworkPolicies | before wall | after wall | before CPU | after CPU | after / before CPU | rendered manifests: parse | same objects |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) console.log(r);
  const [o100, n100] = cpu.get(100) ?? [NaN, NaN];
  const [o200, n200] = cpu.get(200) ?? [NaN, NaN];
  console.log(
    `\nt(200) / t(100), CPU: before ${(o200 / o100).toFixed(2)}, after ${(
      n200 / n100
    ).toFixed(2)}`,
  );
  console.log(
    "\nMedians; CPU = user + sys of kubectl (less sensitive to the shared machine's load than wall time); rendered manifests: CPU of this process parsing them.",
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
