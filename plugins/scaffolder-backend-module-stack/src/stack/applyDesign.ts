import type { StackDesign } from '@idp-stack/plugin-stack-common';

/** Where the design's entries start in spec.components and spec.links. */
export type DesignStart = { components: number; links: number };

type Obj = Record<string, unknown>;
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);

/**
 * Appends the design's components and links to an unvalidated stack, after
 * the generated ones, so that validateStack judges them together: a clash
 * with a generated name is reported at the design's entry, and its links may
 * target generated components. Returns where the design starts, so issues
 * can be traced back to the form field.
 */
export function applyDesign(
  raw: unknown,
  design: StackDesign,
): { stack: unknown; start: DesignStart } {
  const stack = raw as { spec?: Obj };
  const spec: Obj = stack.spec ?? {};
  const components = list(spec.components);
  const links = list(spec.links);
  const extraLinks = list(design.links);
  return {
    stack: {
      ...stack,
      spec: {
        ...spec,
        components: [...components, ...list(design.components)],
        ...(links.length || extraLinks.length
          ? { links: [...links, ...extraLinks] }
          : {}),
      },
    },
    start: { components: components.length, links: links.length },
  };
}
