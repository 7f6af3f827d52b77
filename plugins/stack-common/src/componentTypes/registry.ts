import type {
  ComponentKind,
  ComponentRole,
  LinkDeclaration,
  SubComponentSpec,
  TopologyCategory,
} from './kind';
import { nodejsKind } from './nodejs';
import { fastapiKind } from './fastapi';
import { frontendKind } from './frontend';
import { postgresKind } from './postgres';
import { redisKind } from './redis';
import { rabbitmqKind } from './rabbitmq';
import { minioKind } from './minio';
import { kafkaKind } from './kafka';

/**
 * Every component type, in the order stack.yaml documentation, error
 * messages and the designer list them. Adding a type is one module plus one
 * line here.
 */
const KINDS = {
  nodejs: nodejsKind,
  fastapi: fastapiKind,
  frontend: frontendKind,
  postgres: postgresKind,
  redis: redisKind,
  rabbitmq: rabbitmqKind,
  minio: minioKind,
  kafka: kafkaKind,
};

export type ComponentType = keyof typeof KINDS;
type ComponentOf<K> = K extends ComponentKind<infer C> ? C : never;
/** A component of any type, as validated from stack.yaml. */
export type StackComponent = {
  [T in ComponentType]: ComponentOf<(typeof KINDS)[T]>;
}[ComponentType];

/** The registry: each key is its kind's `type` (checked by the compiler and registry.test.ts). */
export const COMPONENT_KINDS: {
  readonly [T in ComponentType]: ComponentKind<
    Extract<StackComponent, { type: T }>
  >;
} = KINDS;

export const COMPONENT_TYPES = Object.keys(KINDS) as ComponentType[];
const ofRole = (role: ComponentRole) =>
  COMPONENT_TYPES.filter(t => KINDS[t].role === role);
/** Types that run as HTTP services (they provide an API and may call each other). */
export const SERVICE_TYPES = ofRole('service');
/** Types services link to for data. */
export const DATA_TYPES = ofRole('data');

/** The kind of a component type; undefined for a type no module declares (raw input). */
export function kindOf(type: string): ComponentKind<any> | undefined {
  return Object.prototype.hasOwnProperty.call(KINDS, type)
    ? (KINDS as Record<string, ComponentKind<any>>)[type]
    : undefined;
}

/** The kind of a validated component. */
export function kindOfComponent<C extends StackComponent>(
  c: C,
): ComponentKind<C> {
  return COMPONENT_KINDS[
    c.type as ComponentType
  ] as unknown as ComponentKind<C>;
}

/** The role of a type, or undefined for an unknown type. */
export function roleOf(type: string): ComponentRole | undefined {
  return kindOf(type)?.role;
}

/**
 * The declaration that governs a link from a `fromType` component to a
 * `toType` component: the target's `asTarget`, else the source's `asSource`.
 * Undefined when the two types may not be linked.
 */
export function linkDeclarationFor(
  fromType: string,
  toType: string,
): LinkDeclaration | undefined {
  const from = kindOf(fromType);
  const to = kindOf(toType);
  if (!from || !to) return undefined;
  return (
    to.links.asTarget.find(d => d.peers.includes(from.role)) ??
    from.links.asSource.find(d => d.peers.includes(to.role))
  );
}

/** The sub-component declaration of `kind` inside a component type. */
export function subComponentSpec(
  type: string,
  kind: string,
): SubComponentSpec | undefined {
  return kindOf(type)?.subComponents.find(s => s.kind === kind);
}

/** Every kind of sub-component, first-declared first (`database, queue, exchange, bucket`). */
export const SUB_COMPONENT_KINDS = [
  ...new Set(
    COMPONENT_TYPES.flatMap(t => KINDS[t].subComponents.map(s => s.kind)),
  ),
];

/** Catalog `spec.type` of a component type's Component (undefined for Resources). */
export const CATALOG_COMPONENT_TYPE: Partial<Record<ComponentType, string>> =
  Object.fromEntries(
    COMPONENT_TYPES.flatMap(t => {
      const c = KINDS[t].catalog;
      return c.kind === 'Component' ? [[t, c.type]] : [];
    }),
  );

/**
 * How the catalog Resources this registry writes are drawn, by `spec.type`:
 * the component's own type and its sub-components' (first declaration wins).
 */
export const CATALOG_RESOURCE_CATEGORY: Readonly<
  Record<string, TopologyCategory>
> = (() => {
  const out: Record<string, TopologyCategory> = {};
  for (const t of COMPONENT_TYPES) {
    const k: ComponentKind<any> = KINDS[t];
    if (k.catalog.kind === 'Resource') out[k.catalog.type] ??= k.topology;
    for (const s of k.subComponents) out[s.catalogType] ??= s.topology;
  }
  return out;
})();

export type {
  ComponentKind,
  ComponentRole,
  TopologyCategory,
  SubComponentSpec,
  LinkDeclaration,
};
