/* eslint-disable no-console */
/**
 * Cost of merging a repo's stack.yaml into the catalog topology, next to the
 * two steps around it on the same graph: building the catalog topology and
 * laying out the merged one. Medians of repeated runs in one process.
 *   pnpm exec tsx bench/merge.bench.ts
 */
import { buildTopology } from '../src/lib/topology';
import { mergeStackTopology } from '../src/lib/mergeStackTopology';
import { layoutTopology } from '../src/lib/layoutTopology';
import { bigStack, catalogOf } from '../src/__testUtils__/stacks';
import { median } from './median';

const runs = Number(process.env.RUNS ?? 31);
console.log(
  '| stack groups | catalog nodes | merged nodes / edges | build catalog topology | merge stack.yaml | layout merged | merge / layout |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const groups of [20, 60, 200]) {
  const stack = bigStack(groups);
  const entities = catalogOf(stack);
  const sources = [{ stack, entityRef: 'component:default/big' }];
  const base = buildTopology(entities);
  const merged = mergeStackTopology(base, sources);
  const build = median(() => buildTopology(entities), runs);
  const merge = median(() => mergeStackTopology(base, sources), runs);
  const layout = median(() => layoutTopology(merged), runs);
  console.log(
    `| ${groups} | ${base.nodes.length} | ${merged.nodes.length} / ${
      merged.edges.length
    } | ${build.toFixed(2)} ms | ${merge.toFixed(2)} ms | ${layout.toFixed(
      2,
    )} ms | ${(merge / layout).toFixed(2)} |`,
  );
}
