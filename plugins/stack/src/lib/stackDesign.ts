import {
  STACK_API_VERSION,
  STACK_KIND,
  subComponentsOf,
  type ComponentType,
  type StackComponent,
  type StackLink,
} from '@internal/plugin-stack-common';

/** What the designer field edits and submits: the stack's components and links. */
export interface StackDesign {
  components: StackComponent[];
  links: StackLink[];
}

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
 * bucket) a link needs to target it.
 */
export function newComponent(name: string, type: ComponentType): StackComponent {
  switch (type) {
    case 'postgres':
      return { name, type, databases: [{ name: 'app' }] };
    case 'redis':
      return { name, type, databases: [{ name: 'cache', index: 0 }] };
    case 'rabbitmq':
      return { name, type, queues: [{ name: 'events' }] };
    case 'minio':
      return { name, type, buckets: [{ name: 'files' }] };
    default:
      return { name, type } as StackComponent;
  }
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
