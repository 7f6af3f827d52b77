import { CATALOG_RESOURCE_CATEGORY } from '@idp-stack/plugin-stack-common';
import {
  Entity,
  parseEntityRef,
  RELATION_CONSUMES_API,
  RELATION_DEPENDS_ON,
  RELATION_PROVIDES_API,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** What a node stands for; drives its shape, the legend and the kind filter. */
export type NodeCategory =
  | 'service'
  | 'frontend'
  | 'database'
  | 'cache'
  | 'queue'
  | 'deadLetter'
  | 'exchange'
  | 'bucket'
  | 'api'
  | 'resource'
  | 'other';

export interface TopologyNode {
  /** Full entity ref, e.g. `component:default/payments-api`. */
  id: string;
  kind: string;
  name: string;
  namespace: string;
  title: string;
  category: NodeCategory;
  /** Referenced by a member but not part of the stack's system. */
  external: boolean;
  /**
   * Only in the repo's stack.yaml, not in the catalog (a dead-letter queue, a
   * part not registered): `kind`/`namespace`/`name` then name the catalog
   * entity a click opens (its parent), and `id` starts with `stack:`.
   */
  fromStack?: boolean;
}

export type TopologyEdgeType =
  | 'dependsOn'
  | 'providesApi'
  | 'consumesApi'
  /** stack.yaml: a component holds a database, queue, bucket. */
  | 'contains'
  /** stack.yaml: a queue's rejected messages go to its dead-letter queue. */
  | 'deadLetter'
  /** stack.yaml: a link the catalog has no relation for. */
  | 'link';

export interface TopologyEdge {
  from: string;
  to: string;
  type: TopologyEdgeType;
  /** From a stack.yaml link: access mode and path prefix, e.g. `read · /api`. */
  label?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

const EDGE_RELATIONS: Record<string, TopologyEdgeType> = {
  [RELATION_DEPENDS_ON]: 'dependsOn',
  [RELATION_PROVIDES_API]: 'providesApi',
  [RELATION_CONSUMES_API]: 'consumesApi',
};

/**
 * Category of a catalog Resource by `spec.type`: every type our component
 * types write (from the stack-common registry), plus names hand-written
 * catalog entries commonly use.
 */
const RESOURCE_CATEGORIES: Record<string, NodeCategory> = {
  postgres: 'database',
  postgresql: 'database',
  redis: 'cache',
  rabbitmq: 'queue',
  topic: 'queue',
  minio: 'bucket',
  ...CATALOG_RESOURCE_CATEGORY,
};

export function categoryOf(
  kind: string,
  type: string | undefined,
): NodeCategory {
  const k = kind.toLocaleLowerCase('en-US');
  const t = (type ?? '').toLocaleLowerCase('en-US');
  if (k === 'component') {
    return t === 'website' || t === 'frontend' ? 'frontend' : 'service';
  }
  if (k === 'resource') return RESOURCE_CATEGORIES[t] ?? 'resource';
  if (k === 'api') return 'api';
  return 'other';
}

function nodeOf(entity: Entity, external: boolean): TopologyNode {
  const type =
    typeof entity.spec?.type === 'string' ? entity.spec.type : undefined;
  return {
    id: stringifyEntityRef(entity),
    kind: entity.kind,
    name: entity.metadata.name,
    namespace: entity.metadata.namespace ?? 'default',
    title: entity.metadata.title ?? entity.metadata.name,
    category: categoryOf(entity.kind, type),
    external,
  };
}

function nodeOfRef(ref: string): TopologyNode {
  const { kind, namespace, name } = parseEntityRef(ref);
  return {
    id: stringifyEntityRef({ kind, namespace, name }),
    kind,
    name,
    namespace,
    title: name,
    category: categoryOf(kind, undefined),
    external: true,
  };
}

/**
 * The stack as a graph: the given members (a system's parts) become nodes and
 * their `dependsOn` / `providesApi` / `consumesApi` relations become edges.
 * Targets outside the member set are kept as external nodes so a link that
 * leaves the system stays visible. Duplicate edges are dropped.
 */
export function buildTopology(members: Entity[]): Topology {
  const nodes = new Map<string, TopologyNode>();
  for (const member of members) {
    const node = nodeOf(member, false);
    nodes.set(node.id, node);
  }
  const edges = new Map<string, TopologyEdge>();
  for (const member of members) {
    const from = stringifyEntityRef(member);
    for (const relation of member.relations ?? []) {
      const type = EDGE_RELATIONS[relation.type];
      if (!type) continue;
      const to = stringifyEntityRef(parseEntityRef(relation.targetRef));
      if (to === from) continue;
      if (!nodes.has(to)) nodes.set(to, nodeOfRef(to));
      edges.set(`${from}|${to}|${type}`, { from, to, type });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
