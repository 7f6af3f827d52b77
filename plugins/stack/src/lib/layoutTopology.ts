import dagre from '@dagrejs/dagre';
import type { Topology, TopologyEdge, TopologyNode } from './topology';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 44;

export interface PositionedNode extends TopologyNode {
  /** Centre of the node. */
  x: number;
  y: number;
}

export interface PositionedEdge extends TopologyEdge {
  points: Array<{ x: number; y: number }>;
}

export interface TopologyLayout {
  nodes: PositionedNode[];
  edges: PositionedEdge[];
  width: number;
  height: number;
}

/**
 * Layered left-to-right layout (dagre). Pure and synchronous: callers memoise
 * it on the graph so switching environment or colours never re-lays out.
 */
export function layoutTopology(topology: Topology): TopologyLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 16, ranksep: 72, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of topology.nodes) {
    g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  for (const edge of topology.edges) {
    g.setEdge(edge.from, edge.to, {}, edge.type);
  }
  dagre.layout(g);
  const graph = g.graph();
  return {
    nodes: topology.nodes.map(node => {
      const { x, y } = g.node(node.id);
      return { ...node, x, y };
    }),
    edges: topology.edges.map(edge => ({
      ...edge,
      points: g.edge(edge.from, edge.to, edge.type).points ?? [],
    })),
    width: graph.width ?? 0,
    height: graph.height ?? 0,
  };
}
