/* eslint-disable no-console */
// Benchmark: manifest serialisation, the `yaml` library's `stringify` for every
// document (what `toYaml` did before `manifestYaml`) against `manifestYaml` with
// an empty memo (cold: a CLI run, a fresh backend) and a filled one (warm: the
// designer's live preview, a long-running backend). Interleaved in one process
// so load from other users of the shared machine hits all three alike.
// Run: pnpm --filter @idp-stack/plugin-stack-common bench:yaml
import { parseAllDocuments, stringify } from 'yaml';
import { generateManifests } from '../src';
import { toYaml } from '../src/generator/serialize';
import {
  forgetManifestYamlMemo,
  MANIFEST_YAML,
} from '../src/yaml/manifestYaml';
import { makeStack } from './makeStack';

const library = (objects: unknown[]) =>
  objects.map(o => stringify(o, MANIFEST_YAML)).join('---\n');
const cold = (objects: unknown[]) => toYaml(objects);

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(
  '| components | documents | library stringify (median) | manifestYaml cold | cold / library | manifestYaml warm | warm / library |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const n of [50, 1000]) {
  const files = generateManifests(makeStack(n));
  // The objects toYaml received, recovered from its output, one list per file.
  const perFile = files.map(f =>
    parseAllDocuments(f.content).map(d => d.toJS()),
  );
  const expected = files.map(f => f.content);
  const run = (fn: (objects: unknown[]) => string, forget = false) => {
    if (forget) forgetManifestYamlMemo();
    const t = process.hrtime.bigint();
    const out = perFile.map(fn);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (out.some((text, i) => text !== expected[i]))
      throw new Error('output differs from generateManifests');
    return ms;
  };
  const turns = [() => run(library), () => run(cold, true), () => run(toYaml)];
  for (let i = 0; i < 3; i++) turns.forEach(turn => turn()); // warm-up (JIT)
  const times: number[][] = [[], [], []];
  const rounds = n >= 1000 ? 11 : 31;
  for (let i = 0; i < rounds; i++) {
    // Rotate the order so that none always runs after a GC-heavy turn; the warm
    // turn still finds the memo filled, by the cold turn or the previous round.
    for (let j = 0; j < 3; j++) {
      const k = (i + j) % 3;
      times[k].push(turns[k]());
    }
  }
  const [lib, c, w] = times.map(median);
  const docs = perFile.reduce((s, d) => s + d.length, 0);
  console.log(
    `| ${n} | ${docs} | ${lib.toFixed(2)} ms | ${c.toFixed(2)} ms | ${(
      c / lib
    ).toFixed(3)} | ${w.toFixed(2)} ms | ${(w / lib).toFixed(3)} |`,
  );
}
