import type { ResolvedResources } from '../model/resolve';
import type { z } from 'zod';
import type { Stack } from '../schema/stackSchema';
import type { StackIssue } from '../validation/issues';
import type {
  Additions,
  EnvVar,
  GenerationContext,
  K8sObject,
  LinkRule,
} from '../generator/types';

/**
 * What a component is to the rest of the platform: `service`s get a
 * Deployment and an API and may call each other, a `frontend` owns the
 * hostname's root, `data` components are what services link to.
 */
export type ComponentRole = 'service' | 'frontend' | 'data';

/** How a component or a sub-component is drawn in the topology (shape, legend, filter). */
export type TopologyCategory =
  | 'service'
  | 'frontend'
  | 'database'
  | 'cache'
  | 'queue'
  | 'exchange'
  | 'bucket';

/** A list field of a component whose entries a link may target (`<component>/<entry>`). */
export interface SubComponentSpec {
  /** Field of the component holding the entries, e.g. `databases`. */
  field: string;
  /** What one entry is, e.g. `database`; also the entity description and tag. */
  kind: string;
  /** `spec.type` of the catalog Resource each entry becomes. */
  catalogType: string;
  topology: TopologyCategory;
}

/** Link options a stack.yaml link may set; each declaration says which apply. */
export type LinkOption = 'access' | 'pathPrefix';

/**
 * One kind of link a type takes part in: the roles at the other end and the
 * rule that derives all of the link's wiring.
 */
export interface LinkDeclaration {
  peers: readonly ComponentRole[];
  rule: LinkRule;
  options: readonly LinkOption[];
}

/** The catalog entity a component becomes. */
export type CatalogShape =
  | { kind: 'Component'; type: string; providesApi: boolean }
  | { kind: 'Resource'; type: string };

/** The view of a raw (unvalidated) component that cross-field checks get. */
export type RawComponent = Record<string, any>;

/**
 * Everything the platform knows about one component type. Each type is one
 * module under `componentTypes/<type>/` exporting one of these, registered in
 * `registry.ts`; every field is required so that a forgotten piece is a
 * compile error (`registry.test.ts` checks what the compiler cannot).
 */
export interface ComponentKind<
  C extends { name: string; type: string } = { name: string; type: string },
> {
  type: C['type'];
  /** One line for the designer's type picker and docs. */
  description: string;
  role: ComponentRole;
  /** The strict zod schema of the component, `type` a literal. */
  schema: z.ZodType<C>;
  /** `version`, `port` and container `resources` when stack.yaml leaves them out (resources: DEFAULT_RESOURCES unless set). */
  defaults: { version: string; port: number; resources?: ResolvedResources };
  /** Image the component runs when stack.yaml gives none. */
  image(stack: Stack, c: C): string;
  /** Environment the runtime needs (Node/Python flags); data components need none. */
  runtimeEnv(c: C): EnvVar[];
  /** What links may target inside the component. */
  subComponents: readonly SubComponentSpec[];
  /** List fields (besides `env`) whose entries' names must be unique. */
  uniqueNames: readonly string[];
  /** Type-specific cross-field rules on raw input; `at` is the component's path. */
  checks(c: RawComponent, at: readonly PropertyKey[]): StackIssue[];
  /**
   * Links this type declares: `asSource` from it to the peers, `asTarget`
   * from the peers to it. A pair of types must be declared once (registry.test.ts).
   */
  links: {
    asSource: readonly LinkDeclaration[];
    asTarget: readonly LinkDeclaration[];
  };
  /** The objects the component brings on its own (operator resources, policies, env-only objects). */
  manifests(stack: Stack, c: C, ctx: GenerationContext): Additions;
  /** Labels that select the component's pods (operators label their own pods). */
  podSelector(stack: Stack, c: C): Record<string, string>;
  /** An overlay patch setting an environment's `replicas`, or undefined when the type does not scale per environment. */
  replicasPatch(c: C, replicas: number): K8sObject | undefined;
  catalog: CatalogShape;
  topology: TopologyCategory;
  /** A new component of this type in the designer, with the sub-component a link needs. */
  starter(name: string): C;
}
