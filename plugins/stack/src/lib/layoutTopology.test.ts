import { layoutTopology, NODE_WIDTH } from './layoutTopology';
import type { Topology } from './topology';

function chain(n: number): Topology {
  const nodes = Array.from({ length: n }, (_, i) => ({
    id: `component:default/c${i}`,
    kind: 'Component',
    name: `c${i}`,
    namespace: 'default',
    title: `c${i}`,
    category: 'service' as const,
    external: false,
  }));
  const edges = nodes.slice(1).map((node, i) => ({
    from: nodes[i].id,
    to: node.id,
    type: 'dependsOn' as const,
  }));
  return { nodes, edges };
}

describe('layoutTopology', () => {
  it('places a dependency chain in left-to-right layers', () => {
    const layout = layoutTopology(chain(3));
    const xs = layout.nodes.map(n => n.x);
    expect(xs[0]).toBeLessThan(xs[1]);
    expect(xs[1]).toBeLessThan(xs[2]);
    expect(layout.width).toBeGreaterThanOrEqual(3 * NODE_WIDTH);
    expect(layout.edges[0].points.length).toBeGreaterThanOrEqual(2);
  });

  it('gives unconnected nodes distinct positions', () => {
    const layout = layoutTopology({ nodes: chain(4).nodes, edges: [] });
    const positions = new Set(layout.nodes.map(n => `${n.x},${n.y}`));
    expect(positions.size).toBe(4);
  });
});
