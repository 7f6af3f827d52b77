/* eslint-disable no-console */
// Benchmark: what Argo CD's repo server spends per refresh on a generated
// repository's prod environment, at 10 / 50 / 100 / 200 / 1,000 components
// (bench/makeStack.ts), in the same run, interleaved:
//  (a) `kubectl kustomize deploy/overlays/prod` of this tree's layout;
//  (b) the generator's own render (planManifests + renderedManifests, what
//      `stack pin` and `stack generate` run to write deploy/rendered/prod);
//  (c) reading deploy/rendered/prod as Argo CD's Directory source does: a Go
//      program (bench/argoDirectoryParse, go-yaml v2 like sigs.k8s.io/yaml)
//      splitting and decoding the multi-document file.
// Checks that (a) and (b) hold the same objects (parsed, key order ignored;
// NetworkPolicies by meaning, see compareRenders). With --baseline <commit>
// also (a) of that commit's layout (taken from git), as the previous session
// measured the one-policy-per-pod-group layout against its predecessor.
// Run: pnpm --filter @idp-stack/plugin-stack-common bench:kustomize
//        [-- --sizes 10,50,100 --runs 3 --cap 100 --baseline <commit>]
// Needs kubectl (kustomize 5.5) and Go with Debian's golang-gopkg-yaml.v2-dev.
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
import {
  generateManifests,
  GeneratedFile,
  initialImagePins,
  planManifests,
  renderedManifests,
  Stack,
} from '../src';
import { canonical, policyMeaning } from '../src/testUtils/policyMeaning';
import { benchArg, benchNumber } from './benchArgs';
import { makeStack } from './makeStack';

const SIZES = benchArg('sizes', '10,50,100,200,1000').split(',').map(Number);
const RUNS = benchNumber('runs', 3);
/** Wall-clock cap of one render, seconds: Argo CD's repo server gives up at 90 s by default. */
const CAP_S = benchNumber('cap', 100);
const PKG = resolve(__dirname, '..');

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

/** One run of `command dir`, wall and CPU seconds (user + sys of the child, from bash's `times`), its output. */
function timed(command: string, dir: string, where = dir): Render {
  const out = join(where, 'rendered.out');
  const t = process.hrtime.bigint();
  const r = spawnSync(
    'bash',
    // `timeout` kills the command itself: killing only bash at the cap left
    // kubectl running on, loading the machine for the next measurements.
    [
      '-c',
      `timeout -s KILL ${CAP_S} ${command} "$1" > "$2" && times`,
      '_',
      dir,
      out,
    ],
    { encoding: 'utf8', timeout: (CAP_S + 30) * 1000, killSignal: 'SIGKILL' },
  );
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) {
    if (r.signal || r.status === 137) return { wall: Infinity, cpu: Infinity };
    throw new Error(`${command} ${dir}: ${r.stderr}`);
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
const render = (dir: string) => timed('kubectl kustomize', dir, dirname(dir));

/*
 * The reader runs with GOMAXPROCS=1: its work is one goroutine's, and on this
 * oversubscribed machine (load 10-17) Go's idle processors spinning for work
 * billed ~1.3 s of CPU per run even for 70 objects (45 ms at load 7).
 */
/** Builds bench/argoDirectoryParse with Debian's Go packages (GOPATH mode, no module download). */
function buildParser(): string {
  const bin = join(PKG, 'node_modules', '.cache', 'argoDirectoryParse');
  execFileSync('go', ['build', '-o', bin, './bench/argoDirectoryParse'], {
    cwd: PKG,
    env: {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      GOCACHE: join(tmpdir(), 'idp-bench-gocache'),
    },
  });
  return bin;
}

/** (b): CPU seconds of this process planning and rendering prod, and the file it writes. */
function generatorRender(stack: Stack): Render {
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  const out = renderedManifests(
    planManifests(stack),
    'prod',
    initialImagePins(stack, 'prod').content,
  );
  const used = process.cpuUsage(c);
  return {
    wall: Number(process.hrtime.bigint() - t) / 1e9,
    cpu: (used.user + used.system) / 1e6,
    out,
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

async function main() {
  const commit = benchArg('baseline', '') || undefined;
  const baseline = commit ? await baselineGenerator(commit) : undefined;
  const parser = buildParser();
  const rows: string[] = [];
  const cpu = new Map<number, number[]>();
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  try {
    console.log(
      `${RUNS} runs per size, cap ${CAP_S} s, load ${load()}${
        commit ? `, baseline ${commit}` : ''
      }`,
    );
    for (const n of SIZES) {
      const stack = makeStack(n);
      const newDir = writeTree(generateManifests(stack));
      const oldDir = baseline ? writeTree(baseline.generate(stack)) : undefined;
      const olds: Render[] = [];
      const news: Render[] = [];
      const gens: Render[] = [];
      const parses: Render[] = [];
      const renderedDir = join(newDir, 'deploy/rendered/prod');
      mkdirSync(renderedDir, { recursive: true });
      for (let i = 0; i < RUNS; i++) {
        if (oldDir) olds.push(render(join(oldDir, 'deploy/overlays/prod')));
        news.push(render(join(newDir, 'deploy/overlays/prod')));
        const gen = generatorRender(stack);
        gens.push(gen);
        writeFileSync(join(renderedDir, 'manifests.yaml'), gen.out!);
        parses.push(timed(`env GOMAXPROCS=1 ${parser}`, renderedDir, newDir));
      }
      const newOut = news.find(r => r.out)?.out;
      const oldOut = olds.find(r => r.out)?.out;
      const rendered = gens[0].out!;
      const eq = newOut ? compareRenders(newOut, rendered) : undefined;
      const eqOld =
        oldOut && newOut ? compareRenders(oldOut, newOut) : undefined;
      const parsedObjects = Number(parses[0].out);
      if (parsedObjects !== parse(rendered).length)
        throw new Error(`the Go reader found ${parsedObjects} objects`);
      if (oldDir) rmSync(oldDir, { recursive: true, force: true });
      rmSync(newDir, { recursive: true, force: true });
      const s = (x: number) =>
        x === Infinity ? `> ${CAP_S} s` : `${x.toFixed(2)} s`;
      const ms = (x: number) => `${(x * 1000).toFixed(0)} ms`;
      const k = median(news.map(r => r.cpu));
      const g = median(gens.map(r => r.cpu));
      const p = median(parses.map(r => r.cpu));
      cpu.set(n, [k, g, p]);
      const row = [
        n,
        parse(rendered).length,
        ...(oldDir
          ? [s(median(olds.map(r => r.wall))), s(median(olds.map(r => r.cpu)))]
          : []),
        s(median(news.map(r => r.wall))),
        s(k),
        ms(median(gens.map(r => r.wall))),
        ms(g),
        ms(median(parses.map(r => r.wall))),
        ms(p),
        k === Infinity ? '–' : `${(k / (g + p)).toFixed(0)}×`,
        eq
          ? `equal: ${eq.identical} objects identical, ${
              eq.flows
            } policy flows${
              eqOld ? `; baseline equal (${eqOld.before} → ${eqOld.after})` : ''
            }`
          : 'not compared (kustomize capped)',
      ];
      rows.push(`| ${row.join(' | ')} |`);
      console.log(rows[rows.length - 1], `load ${load()}`);
    }
  } finally {
    baseline?.cleanup();
  }
  const head = [
    'components',
    'objects',
    ...(baseline ? ['baseline kustomize wall', 'baseline kustomize CPU'] : []),
    '(a) kustomize wall',
    '(a) kustomize CPU',
    '(b) generator render wall',
    '(b) generator render CPU',
    '(c) Argo CD directory read wall',
    '(c) directory read CPU',
    '(a) / ((b)+(c)) CPU',
    'same objects (a) vs (b)',
  ];
  console.log(`\n| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => ' --- |').join('')}`);
  for (const r of rows) console.log(r);
  const ratio = (i: number) => {
    const [a, b] = [cpu.get(100)?.[i], cpu.get(200)?.[i]];
    return a && b ? (b / a).toFixed(2) : '–';
  };
  console.log(
    `\nt(200) / t(100), CPU: (a) kustomize ${ratio(0)}, (b) render ${ratio(
      1,
    )}, (c) read ${ratio(2)}; load at the end ${load()}`,
  );
  console.log(
    "\nMedians of the runs. CPU = user + sys (kubectl and the Go reader: of the child process, from bash's `times`; the render: of this Node process), less sensitive to the shared machine's load than wall time.",
  );
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
