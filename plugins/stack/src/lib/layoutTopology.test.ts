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

describe('layoutTopology on awkward graphs', () => {
  it('lays out a dependency cycle without hanging, every node placed', () => {
    const { nodes } = chain(3);
    const layout = layoutTopology({
      nodes,
      edges: [
        { from: nodes[0].id, to: nodes[1].id, type: 'dependsOn' },
        { from: nodes[1].id, to: nodes[2].id, type: 'dependsOn' },
        { from: nodes[2].id, to: nodes[0].id, type: 'dependsOn' },
      ],
    });
    expect(
      layout.nodes.every(n => Number.isFinite(n.x) && Number.isFinite(n.y)),
    ).toBe(true);
    expect(new Set(layout.nodes.map(n => `${n.x},${n.y}`)).size).toBe(3);
    expect(layout.edges).toHaveLength(3);
  });

  it('orders a layer by its parents so the edges do not cross', () => {
    // a → c and b → d, but c and d arrive in the "wrong" order.
    const all = chain(4).nodes;
    const [a, b, c, d] = all;
    const layout = layoutTopology({
      nodes: [a, b, d, c],
      edges: [
        { from: a.id, to: c.id, type: 'dependsOn' },
        { from: b.id, to: d.id, type: 'dependsOn' },
      ],
    });
    const y = (id: string) => layout.nodes.find(n => n.id === id)!.y;
    expect(Math.sign(y(a.id) - y(b.id))).toBe(Math.sign(y(c.id) - y(d.id)));
  });
});
