import {
  COMPONENT_KINDS,
  STACK_API_VERSION,
  STACK_KIND,
  subComponentsOf,
  type ComponentType,
  type StackComponent,
  type StackDesign as SubmittedDesign,
} from '@idp-stack/plugin-stack-common';

/** What the designer field edits and submits (the shared value type, links always present). */
export type StackDesign = Required<SubmittedDesign>;

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
