import {
  CATALOG_COMPONENT_TYPE,
  kindOf,
  entityNameOf,
  subComponentsOf,
  type Stack,
  type StackComponent,
} from '@idp-stack/plugin-stack-common';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  NodeCategory,
  Topology,
  TopologyEdge,
  TopologyEdgeType,
  TopologyNode,
} from './topology';

/** One repo's stack.yaml and the catalog entity it was read for. */
export interface StackSource {
  stack: Stack;
  /** Ref of the entity the backend read it for; opens the nodes that have no catalog parent. */
  entityRef: string;
}

interface SubPart {
  name: string;
  category: NodeCategory;
  deadLetter: boolean;
}

/**
 * The parts of a data component a link may point at, with the category its
 * type draws them as (a redis database is a cache); a queue may have dead letters.
 */
function subPartsOf(c: StackComponent): SubPart[] {
  const specs = kindOf(c.type)?.subComponents ?? [];
  return subComponentsOf(c).map(({ kind, name }) => ({
    name,
    category: specs.find(s => s.kind === kind)?.topology ?? 'resource',
    deadLetter:
      c.type === 'rabbitmq' &&
      kind === 'queue' &&
      !!c.queues?.find(q => q.name === name)?.deadLetter,
  }));
}

const edgeKey = (from: string, to: string, type: TopologyEdgeType) =>
  `${from}|${to}|${type}`;

/**
 * The catalog topology plus what only the repos' stack.yaml knows: every
 * database, queue (and its dead-letter queue), exchange, bucket and redis
 * database attached to its component, and each link's access mode / path
 * prefix as an edge label. Stack components are matched to catalog entities
 * by the names `stack:catalog-info` gives them (`entityNameOf`) in the
 * namespace of the entity the stack was read for; catalog nodes and edges
 * are kept (copied when labelled), so the base topology is never mutated.
 * Linear in nodes + edges + stack parts.
 */
export function mergeStackTopology(
  base: Topology,
  sources: StackSource[],
): Topology {
  if (sources.length === 0) return base;
  const nodes = new Map(base.nodes.map(n => [n.id, n]));
  const edges = new Map(
    base.edges.map(e => [edgeKey(e.from, e.to, e.type), e]),
  );
  // Any relation between two nodes, either way: no second arrow for the same pair.
  const related = new Set<string>();
  for (const e of base.edges) {
    related.add(`${e.from}|${e.to}`);
    related.add(`${e.to}|${e.from}`);
  }
  const addEdge = (edge: TopologyEdge) => {
    if (related.has(`${edge.from}|${edge.to}`)) return;
    related.add(`${edge.from}|${edge.to}`);
    related.add(`${edge.to}|${edge.from}`);
    edges.set(edgeKey(edge.from, edge.to, edge.type), edge);
  };

  for (const { stack, entityRef } of sources) {
    const owner = parseEntityRef(entityRef);
    const namespace = owner.namespace;
    /** Catalog node, else a stack-only node that opens `opens`. */
    const nodeFor = (
      catalogId: string,
      title: string,
      category: NodeCategory,
      opens: { kind: string; namespace: string; name: string },
    ): TopologyNode => {
      const known = nodes.get(catalogId);
      if (known) return known;
      const id = `stack:${catalogId.slice(catalogId.indexOf(':') + 1)}`;
      const node = nodes.get(id) ?? {
        id,
        kind: opens.kind,
        namespace: opens.namespace,
        name: opens.name,
        title,
        category,
        external: false,
        fromStack: true,
      };
      nodes.set(id, node);
      return node;
    };

    const byRef = new Map<string, string>(); // `comp` or `comp/sub` → node id
    for (const c of stack.spec.components) {
      const kind = c.type in CATALOG_COMPONENT_TYPE ? 'component' : 'resource';
      const name = entityNameOf(stack, c.name);
      const parent = nodeFor(
        `${kind}:${namespace}/${name}`,
        name,
        kindOf(c.type)?.topology ?? 'resource',
        owner,
      );
      byRef.set(c.name, parent.id);
      // Stack-only parts open the catalog parent, else the entity read for.
      const opens = parent.fromStack ? owner : parent;
      for (const sub of subPartsOf(c)) {
        const subName = entityNameOf(stack, c.name, sub.name);
        const catalogId = `resource:${namespace}/${subName}`;
        let node = nodeFor(catalogId, sub.name, sub.category, opens);
        // The catalog calls a redis database a database; stack.yaml knows it is a cache.
        if (!node.fromStack && node.category !== sub.category) {
          node = { ...node, category: sub.category };
          nodes.set(node.id, node);
        }
        byRef.set(`${c.name}/${sub.name}`, node.id);
        addEdge({ from: parent.id, to: node.id, type: 'contains' });
        if (sub.deadLetter) {
          const dlq = nodeFor(
            `resource:${namespace}/${subName}.dlq`,
            `${sub.name}.dlq`,
            'deadLetter',
            node.fromStack ? opens : node,
          );
          addEdge({ from: node.id, to: dlq.id, type: 'deadLetter' });
        }
      }
    }

    for (const link of stack.spec.links ?? []) {
      const from = byRef.get(link.from);
      const to = byRef.get(link.to);
      if (!from || !to || from === to) continue; // validation reports broken links
      const label =
        [link.access, link.pathPrefix].filter(Boolean).join(' · ') || undefined;
      const existing =
        edges.get(edgeKey(from, to, 'dependsOn')) ??
        edges.get(edgeKey(from, to, 'consumesApi'));
      if (existing) {
        if (label) {
          edges.set(edgeKey(from, to, existing.type), { ...existing, label });
        }
        continue;
      }
      // A link is drawn even when the pair is already related another way.
      related.add(`${from}|${to}`).add(`${to}|${from}`);
      edges.set(edgeKey(from, to, 'link'), { from, to, type: 'link', label });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
