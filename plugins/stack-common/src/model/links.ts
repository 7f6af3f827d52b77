import { ComponentType, SERVICE_TYPES } from '../schema/names';

/** The smallest view of a component that link checks need (works on unvalidated input too). */
export interface ComponentRef {
  name: string;
  type: ComponentType;
  databases?: { name: string }[];
  queues?: { name: string }[];
  exchanges?: { name: string }[];
  buckets?: { name: string }[];
}

export type SubComponentKind = 'database' | 'queue' | 'exchange' | 'bucket';

export interface LinkEnd<C extends ComponentRef = ComponentRef> {
  component: C;
  sub?: { kind: SubComponentKind; name: string };
}

export function isService(type: string): boolean {
  return (SERVICE_TYPES as readonly string[]).includes(type);
}

/** The sub-components of a component that a link may point at. */
export function subComponentsOf(c: ComponentRef): { kind: SubComponentKind; name: string }[] {
  const names = (list: unknown, kind: SubComponentKind) =>
    Array.isArray(list)
      ? list
          .filter(x => x && typeof x.name === 'string')
          .map(x => ({ kind, name: x.name as string }))
      : [];
  switch (c.type) {
    case 'postgres':
    case 'redis':
      return names(c.databases, 'database');
    case 'rabbitmq':
      return [...names(c.queues, 'queue'), ...names(c.exchanges, 'exchange')];
    case 'minio':
      return names(c.buckets, 'bucket');
    default:
      return [];
  }
}

const indexes = new WeakMap<readonly ComponentRef[], Map<string, ComponentRef>>();

/** Components by name (first wins, as validation reports later duplicates), cached per array. */
function indexOf<C extends ComponentRef>(components: readonly C[]): Map<string, C> {
  let index = indexes.get(components);
  if (!index) {
    index = new Map();
    for (const c of components) if (!index.has(c.name)) index.set(c.name, c);
    indexes.set(components, index);
  }
  return index as Map<string, C>;
}

/** Finds `name` or `name/sub` among the components; a string says why it failed. */
export function resolveLinkEnd<C extends ComponentRef>(
  components: readonly C[],
  ref: string,
): LinkEnd<C> | string {
  const [name, subName, ...rest] = ref.split('/');
  if (rest.length > 0) return `${JSON.stringify(ref)} must be <component> or <component>/<sub-component>`;
  const component = indexOf(components).get(name);
  if (!component) return `${JSON.stringify(name)} is not a component of this stack`;
  if (subName === undefined) return { component };
  const sub = subComponentsOf(component).find(s => s.name === subName);
  if (!sub) {
    return `${JSON.stringify(subName)} is not a database, queue, exchange or bucket of ${component.name}`;
  }
  return { component, sub };
}

/** Which target types a source type may link to. */
const ALLOWED: Record<string, readonly string[]> = {
  nodejs: ['nodejs', 'fastapi', 'postgres', 'redis', 'rabbitmq', 'minio'],
  fastapi: ['nodejs', 'fastapi', 'postgres', 'redis', 'rabbitmq', 'minio'],
  frontend: ['nodejs', 'fastapi'],
};

export function linkTypeAllowed(fromType: string, toType: string): boolean {
  return (ALLOWED[fromType] ?? []).includes(toType);
}
