import {
  kindOf,
  linkDeclarationFor,
  roleOf,
  SUB_COMPONENT_KINDS,
} from '../componentTypes/registry';

/** The smallest view of a component that link checks need (works on unvalidated input too). */
export interface ComponentRef {
  name: string;
  type: string;
}

/** What a link may target inside a component: `database`, `queue`, `exchange`, `bucket`, … (each type's `subComponents`). */
export type SubComponentKind = string;

export interface LinkEnd<C extends ComponentRef = ComponentRef> {
  component: C;
  sub?: { kind: SubComponentKind; name: string };
}

export function isService(type: string): boolean {
  return roleOf(type) === 'service';
}

/** The sub-components of a component that a link may point at. */
export function subComponentsOf(
  c: ComponentRef,
): { kind: SubComponentKind; name: string }[] {
  return (kindOf(c.type)?.subComponents ?? []).flatMap(({ field, kind }) => {
    const list: unknown = (c as unknown as Record<string, unknown>)[field];
    return Array.isArray(list)
      ? list
          .filter(x => x && typeof x.name === 'string')
          .map(x => ({ kind, name: x.name as string }))
      : [];
  });
}

/** `a, b or c` */
const either = (words: readonly string[]) =>
  words.length > 1
    ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
    : words.join('');

const indexes = new WeakMap<
  readonly ComponentRef[],
  Map<string, ComponentRef>
>();

/** Components by name (first wins, as validation reports later duplicates), cached per array. */
function indexOf<C extends ComponentRef>(
  components: readonly C[],
): Map<string, C> {
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
  if (rest.length > 0)
    return `${JSON.stringify(
      ref,
    )} must be <component> or <component>/<sub-component>`;
  const component = indexOf(components).get(name);
  if (!component)
    return `${JSON.stringify(name)} is not a component of this stack`;
  if (subName === undefined) return { component };
  const sub = subComponentsOf(component).find(s => s.name === subName);
  if (!sub) {
    return `${JSON.stringify(subName)} is not a ${either(
      SUB_COMPONENT_KINDS,
    )} of ${component.name}`;
  }
  return { component, sub };
}

/** Whether a link from a `fromType` to a `toType` component is declared by either type. */
export function linkTypeAllowed(fromType: string, toType: string): boolean {
  return linkDeclarationFor(fromType, toType) !== undefined;
}
