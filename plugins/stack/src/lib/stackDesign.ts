import {
  COMPONENT_KINDS,
  STACK_API_VERSION,
  STACK_KIND,
  subComponentsOf,
  type ComponentType,
  type Stack,
  type StackComponent,
  type StackDesign as SubmittedDesign,
} from '@idp-stack/plugin-stack-common';

/**
 * What the designer field edits and submits (the shared value type, links
 * always present). Opened on an existing stack (`ui:options.edit`), it also
 * carries the whole stack being edited (metadata, environments and every
 * other setting, with the design's components and links) and the commit it
 * was loaded at, for idp:stack:edit.
 */
export type StackDesign = Required<SubmittedDesign> & {
  stack?: Stack;
  baseSha?: string;
};

/** Stack metadata the designer takes from the form's other fields. */
export interface DesignMetadata {
  name?: string;
  system?: string;
  owner?: string;
}

/** The fullstack golden path: frontend → API → PostgreSQL database. */
export const DEFAULT_DESIGN: StackDesign = {
  components: [
    { name: 'web', type: 'frontend' },
    { name: 'api', type: 'nodejs', port: 8080 },
    { name: 'db', type: 'postgres', databases: [{ name: 'app' }] },
  ],
  links: [
    { from: 'web', to: 'api', pathPrefix: '/api' },
    { from: 'api', to: 'db/app' },
  ],
};

/**
 * A new component of a type, with the one sub-component (database, queue,
 * bucket) a link needs to target it: the type's own starter.
 */
export function newComponent(
  name: string,
  type: ComponentType,
): StackComponent {
  return COMPONENT_KINDS[type].starter(name);
}

/** Everything a link may point at: components and `<component>/<sub-component>`. */
export function linkTargets(design: StackDesign): string[] {
  return design.components.flatMap(c => [
    c.name,
    ...subComponentsOf(c).map(s => `${c.name}/${s.name}`),
  ]);
}

/**
 * The full stack description the shared model validates and generates from.
 * Missing metadata gets placeholders so the design can be checked before
 * the developer has filled in the first page.
 */
export function toStack(meta: DesignMetadata, design: StackDesign) {
  return {
    apiVersion: STACK_API_VERSION,
    kind: STACK_KIND,
    metadata: {
      name: meta.name || 'preview',
      system: meta.system || 'preview',
      owner: meta.owner || 'group:default/preview',
    },
    spec: {
      components: design.components,
      links: design.links,
    },
  };
}

/** The design opened on an existing stack: all of it, and where it was read. */
export function designOf(stack: Stack, baseSha: string): StackDesign {
  return {
    components: stack.spec.components,
    links: stack.spec.links ?? [],
    stack,
    baseSha,
  };
}

/**
 * The stack a design describes: an edited stack keeps everything it had
 * (metadata, environments, routing…) with the design's components and
 * links; a new design is placed in `toStack`'s skeleton.
 */
export function stackOf(meta: DesignMetadata, design: StackDesign) {
  if (!design.stack) return toStack(meta, design);
  return {
    ...design.stack,
    spec: {
      ...design.stack.spec,
      components: design.components,
      links: design.links,
    },
  };
}
