// Baseline layout for the browser benchmark: dagre, the engine catalog-graph
// uses, with the same node sizes. Swapped in for src/lib/layoutTopology.ts
// at bundle time; exports the same names.
import dagre from '@dagrejs/dagre';
import type { Topology } from '../../src/lib/topology';
import type { TopologyLayout } from '../../src/lib/layoutTopology';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 44;

export function layoutTopology(topology: Topology): TopologyLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: 'LR',
    nodesep: 16,
    ranksep: 72,
    marginx: 16,
    marginy: 16,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of topology.nodes)
    g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of topology.edges)
    g.setEdge(edge.from, edge.to, {}, edge.type);
  dagre.layout(g);
  return {
    nodes: topology.nodes.map(node => ({
      ...node,
      x: g.node(node.id).x,
      y: g.node(node.id).y,
    })),
    edges: topology.edges.map(edge => ({
      ...edge,
      points: g.edge(edge.from, edge.to, edge.type).points ?? [],
    })),
    width: g.graph().width ?? 0,
    height: g.graph().height ?? 0,
  };
}
