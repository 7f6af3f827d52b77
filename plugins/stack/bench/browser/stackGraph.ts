import type { Topology, TopologyNode } from '../../src/lib/topology';

/** A stack-shaped graph: services fanning out to data components, some back edges. */
export function stackGraph(n: number): Topology {
  const categories: TopologyNode['category'][] = [
    'service',
    'service',
    'database',
    'queue',
    'api',
    'frontend',
  ];
  const nodes: TopologyNode[] = Array.from({ length: n }, (_, i) => ({
    id: `component:default/n${i}`,
    kind: 'Component',
    name: `n${i}`,
    namespace: 'default',
    title: `node-${i}`,
    category: categories[i % categories.length],
    external: false,
  }));
  const edges = nodes.slice(1).flatMap((node, i) => {
    const out = [
      {
        from: nodes[Math.floor(i / 3)].id,
        to: node.id,
        type: 'dependsOn' as const,
      },
    ];
    if (i % 4 === 0 && i > 10)
      out.push({
        from: node.id,
        to: nodes[i - 7].id,
        type: 'dependsOn' as const,
      });
    return out;
  });
  return { nodes, edges };
}
