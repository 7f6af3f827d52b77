/* eslint-disable no-console */
// Benchmark: manifest serialisation with the `yaml` options before and after
// `directives: false`, interleaved in one process so that load from other users of
// the shared machine hits both alike. Run: pnpm --filter @internal/plugin-stack-common bench:yaml
import { parseAllDocuments, stringify } from 'yaml';
import { generateManifests } from '../src';
import { toYaml } from '../src/generator/serialize';
import { makeStack } from './makeStack';

/** The options `toYaml` used before: still walks every node for `%TAG` directives. */
const BEFORE = { lineWidth: 0, aliasDuplicateObjects: false } as const;
const before = (objects: unknown[]) => objects.map(o => stringify(o, BEFORE)).join('---\n');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('| components | documents | serialise before (median) | after (median) | after / before |');
console.log('| --- | --- | --- | --- | --- |');
for (const n of [50, 1000]) {
  const files = generateManifests(makeStack(n));
  // The objects toYaml received, recovered from its output, one list per file.
  const perFile = files.map(f => parseAllDocuments(f.content).map(d => d.toJS()));
  const expected = files.map(f => f.content);
  const run = (fn: (objects: unknown[]) => string) => {
    const t = process.hrtime.bigint();
    const out = perFile.map(fn);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (out.some((text, i) => text !== expected[i])) throw new Error('output differs from generateManifests');
    return ms;
  };
  for (let i = 0; i < 3; i++) {
    // warm-up (JIT)
    run(before);
    run(toYaml);
  }
  const a: number[] = [];
  const b: number[] = [];
  const rounds = n >= 1000 ? 11 : 31;
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first so neither always runs after a GC-heavy turn.
    if (i % 2) {
      a.push(run(before));
      b.push(run(toYaml));
    } else {
      b.push(run(toYaml));
      a.push(run(before));
    }
  }
  const ma = median(a);
  const mb = median(b);
  const docs = perFile.reduce((s, d) => s + d.length, 0);
  console.log(`| ${n} | ${docs} | ${ma.toFixed(2)} ms | ${mb.toFixed(2)} ms | ${(mb / ma).toFixed(2)} |`);
}
