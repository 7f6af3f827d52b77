import type { Topology, TopologyEdge, TopologyNode } from './topology';

export const NODE_WIDTH = 168;
export const NODE_HEIGHT = 44;
const RANK_SEP = 72;
const NODE_SEP = 16;
const MARGIN = 16;
/** Barycenter sweeps (down + up each); more barely changes stack graphs. */
const SWEEPS = 4;

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
 * Edges with the ones that close a cycle reversed (found by DFS), so the
 * graph can be layered. Dependency cycles exist in real catalogs.
 */
function acyclicEdges(ids: string[], edges: Array<[string, string]>) {
  const out = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const [a, b] of edges) out.get(a)!.push(b);
  const state = new Map<string, 1 | 2>(); // 1 on stack, 2 done
  const reversed = new Set<string>();
  for (const root of ids) {
    if (state.has(root)) continue;
    // Iterative DFS: 300 nodes in a chain would overflow nothing, 10k might.
    const stack: Array<[string, number]> = [[root, 0]];
    state.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])![top[1]++];
      if (next === undefined) {
        state.set(top[0], 2);
        stack.pop();
      } else if (state.get(next) === 1) {
        reversed.add(`${top[0]}\u0000${next}`);
      } else if (!state.has(next)) {
        state.set(next, 1);
        stack.push([next, 0]);
      }
    }
  }
  return edges.map(([a, b]): [string, string] =>
    reversed.has(`${a}\u0000${b}`) ? [b, a] : [a, b],
  );
}

/**
 * Layered left-to-right layout in O((V + E) · sweeps): longest-path layers,
 * barycenter ordering, straight edges. Replaces dagre, whose network-simplex
 * ranking and crossing minimisation cost ~0.6 s at 300 nodes on this
 * machine (and ~3 s past 1,000, dagrejs/dagre #297); see bench/. Pure:
 * callers memoise it, so health or environment changes never re-lay out.
 */
export function layoutTopology(topology: Topology): TopologyLayout {
  const ids = topology.nodes.map(n => n.id);
  const known = new Set(ids);
  const pairs = new Map<string, [string, string]>();
  for (const e of topology.edges) {
    if (e.from !== e.to && known.has(e.from) && known.has(e.to)) {
      pairs.set(`${e.from}\u0000${e.to}`, [e.from, e.to]);
    }
  }
  const dag = acyclicEdges(ids, [...pairs.values()]);
  const preds = new Map<string, string[]>(ids.map(id => [id, []]));
  const succs = new Map<string, string[]>(ids.map(id => [id, []]));
  for (const [a, b] of dag) {
    succs.get(a)!.push(b);
    preds.get(b)!.push(a);
  }

  // Longest-path layering in topological (Kahn) order.
  const layer = new Map<string, number>();
  const indegree = new Map(ids.map(id => [id, preds.get(id)!.length]));
  const queue = ids.filter(id => indegree.get(id) === 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const l = layer.get(id) ?? 0;
    layer.set(id, l);
    for (const s of succs.get(id)!) {
      layer.set(s, Math.max(layer.get(s) ?? 0, l + 1));
      indegree.set(s, indegree.get(s)! - 1);
      if (indegree.get(s) === 0) queue.push(s);
    }
  }
  const layers: string[][] = [];
  for (const id of ids) {
    const l = layer.get(id) ?? 0;
    (layers[l] ??= []).push(id);
  }

  // Barycenter ordering, positions normalised to [0, 1] per layer.
  const pos = new Map<string, number>();
  const place = (ls: string[]) =>
    ls.forEach((id, i) =>
      pos.set(id, ls.length > 1 ? i / (ls.length - 1) : 0.5),
    );
  layers.forEach(place);
  const reorder = (ls: string[], neighbours: Map<string, string[]>) => {
    const weight = new Map<string, number>();
    for (const id of ls) {
      const ns = neighbours.get(id)!;
      weight.set(
        id,
        ns.length
          ? ns.reduce((sum, n) => sum + pos.get(n)!, 0) / ns.length
          : pos.get(id)!,
      );
    }
    ls.sort((a, b) => weight.get(a)! - weight.get(b)!);
    place(ls);
  };
  for (let s = 0; s < SWEEPS; s++) {
    for (let l = 1; l < layers.length; l++) reorder(layers[l], preds);
    for (let l = layers.length - 2; l >= 0; l--) reorder(layers[l], succs);
  }

  const tallest = Math.max(1, ...layers.map(ls => ls.length));
  const rowHeight = NODE_HEIGHT + NODE_SEP;
  const centre = new Map<string, { x: number; y: number }>();
  layers.forEach((ls, l) => {
    const offset = ((tallest - ls.length) * rowHeight) / 2;
    ls.forEach((id, i) =>
      centre.set(id, {
        x: MARGIN + l * (NODE_WIDTH + RANK_SEP) + NODE_WIDTH / 2,
        y: MARGIN + offset + i * rowHeight + NODE_HEIGHT / 2,
      }),
    );
  });

  return {
    nodes: topology.nodes.map(node => ({ ...node, ...centre.get(node.id)! })),
    edges: topology.edges
      .filter(e => centre.has(e.from) && centre.has(e.to))
      .map(edge => {
        const a = centre.get(edge.from)!;
        const b = centre.get(edge.to)!;
        const forward = a.x < b.x;
        return {
          ...edge,
          points: [
            {
              x: a.x + (forward ? NODE_WIDTH / 2 : 0),
              y: a.y + (forward ? 0 : NODE_HEIGHT / 2),
            },
            {
              x: b.x - (forward ? NODE_WIDTH / 2 : 0),
              y: b.y + (forward ? 0 : NODE_HEIGHT / 2),
            },
          ],
        };
      }),
    width: MARGIN * 2 + layers.length * (NODE_WIDTH + RANK_SEP) - RANK_SEP,
    height: MARGIN * 2 + tallest * rowHeight - NODE_SEP,
  };
}
