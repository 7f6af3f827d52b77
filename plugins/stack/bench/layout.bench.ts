/* eslint-disable no-console */
/**
 * Topology cost at 100/300/1000 nodes, outside the browser:
 *  - layout: our layered layout vs two dagre baselines on the same graph:
 *    dagre with our settings (left-to-right, no edge labels) and dagre the
 *    way catalog-graph uses it (top-to-bottom, a label on every edge);
 *  - render: the TopologyGraph component (layout + SVG) to markup with
 *    react-dom/server.
 * Medians of repeated runs in the same process.
 *   pnpm exec tsx bench/layout.bench.ts
 */
import dagre from '@dagrejs/dagre';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { ThemeProvider } from '@material-ui/core/styles';
import { lightTheme } from '@backstage/theme';
import { layoutTopology } from '../src/lib/layoutTopology';
import type { Topology } from '../src/lib/topology';
import {
  TopologyGraph,
  NodeHealth,
} from '../src/components/TopologyGraph/TopologyGraph';
import { stackGraph } from './browser/stackGraph';
// dagre with our settings: the same baseline the browser benchmark swaps in.
import { layoutTopology as dagreLayout } from './browser/dagreLayout';
import { median } from './median';

function catalogGraphStyleLayout(topology: Topology) {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', ranksep: 50, nodesep: 50, edgesep: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of topology.nodes)
    g.setNode(node.id, { width: 180, height: 60 });
  for (const edge of topology.edges) {
    g.setEdge(
      edge.from,
      edge.to,
      { label: 'dependsOn', width: 70, height: 16, labelpos: 'c' },
      edge.type,
    );
  }
  dagre.layout(g);
}

const runs = Number(process.env.RUNS ?? 9);
for (const n of [100, 300, 1000]) {
  const topology = stackGraph(n);
  const ours = median(() => layoutTopology(topology), runs);
  const baseRuns = n > 300 ? 3 : runs;
  const dagreMs = median(() => dagreLayout(topology), baseRuns);
  const base = median(() => catalogGraphStyleLayout(topology), baseRuns);
  const health: Record<string, NodeHealth> = Object.fromEntries(
    topology.nodes.map((node, i) => [
      node.id,
      { health: i % 5 ? 'Healthy' : 'Degraded', sync: 'Synced' },
    ]),
  );
  const render = median(
    () =>
      renderToString(
        createElement(ThemeProvider, {
          theme: lightTheme,
          children: createElement(TopologyGraph, {
            topology,
            health,
            onOpen: () => {},
          }),
        }),
      ),
    runs,
  );
  console.log(
    `${n} nodes / ${topology.edges.length} edges: ours ${ours.toFixed(
      1,
    )} ms; ` +
      `dagre same settings ${dagreMs.toFixed(1)} ms (ratio ${(
        ours / dagreMs
      ).toFixed(3)}); ` +
      `dagre catalog-graph-style ${base.toFixed(1)} ms (ratio ${(
        ours / base
      ).toFixed(3)}); ` +
      `TopologyGraph layout+SVG to markup ${render.toFixed(1)} ms`,
  );
}
