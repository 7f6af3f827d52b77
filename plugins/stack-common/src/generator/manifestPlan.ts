import { Environment, ENVIRONMENTS, namespaceFor } from '../schema/names';
import { Stack, StackComponent, ServiceComponent } from '../schema/stackSchema';
import {
  componentResources,
  resolveEnvironments,
  resolveResources,
  ResolvedEnvironment,
} from '../model/resolve';
import { resolveLinkEnd } from '../model/links';
import { apiVersionsFor } from '../model/versions';
import {
  kindOfComponent,
  linkDeclarationFor,
} from '../componentTypes/registry';
import { buildDeployment } from '../componentTypes/workload/deployment';
import { NAMESPACE_SCOPE, namespacePolicies } from './namespacePolicies';
import { mergeNetworkPolicies } from './networkPolicy';
import { routing } from './routing';
import {
  Additions,
  EnvVar,
  GenerationContext,
  K8sObject,
  ResolvedLink,
} from './types';

/** Services and frontends run as Deployments of the repository's image. */
const isWorkload = (c: StackComponent): c is ServiceComponent =>
  kindOfComponent(c).role !== 'data';

/** The rule that derives a link's wiring, declared by one of the two ends' types. */
function linkRuleFor(link: ResolvedLink) {
  const declaration = linkDeclarationFor(link.from.type, link.to.type);
  // validateStack rejects these; reaching here means it was skipped.
  if (!declaration)
    throw new Error(`no link rule for ${link.from.type} → ${link.to.type}`);
  return declaration.rule;
}

function resolveLinks(stack: Stack): ResolvedLink[] {
  const out: ResolvedLink[] = [];
  for (const l of stack.spec.links ?? []) {
    const from = resolveLinkEnd(stack.spec.components, l.from);
    const to = resolveLinkEnd(stack.spec.components, l.to);
    if (typeof from === 'string' || typeof to === 'string') {
      throw new Error(
        `invalid link ${l.from} → ${l.to}; run validateStack first`,
      );
    }
    out.push({
      from: from.component,
      to: to.component,
      sub: to.sub,
      access: l.access ?? 'read-write',
      pathPrefix: l.pathPrefix,
    });
  }
  return out;
}

function uniqueBy<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter(x => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** A patch of one environment: the object it changes (by kind and name) and the fields it sets. */
export interface EnvironmentPatch {
  /** `patches/<component>-<kind>.yaml`, relative to the overlay. */
  path: string;
  patch: K8sObject;
}

/** What one environment adds to the base: its own objects and its patches. */
export interface EnvironmentPlan {
  env: ResolvedEnvironment;
  namespace: string;
  /** Labels every rendered object carries (metadata only, not selectors). */
  labels: Record<string, string>;
  objects: K8sObject[];
  patches: EnvironmentPatch[];
}

/**
 * Every object of a stack before it is written anywhere: the base's objects
 * (`''` = namespace-wide, else per component, in stack order) and per
 * environment its objects and patches. generateManifests writes it as a
 * kustomize base + overlays; renderEnvironment applies it the way kustomize
 * would, so both layouts come from this one plan.
 */
export interface ManifestPlan {
  stack: Stack;
  base: Map<string, K8sObject[]>;
  environments: EnvironmentPlan[];
}

/** The plan of a valid stack. Pure; throws only on a stack validateStack rejects. */
export function planManifests(stack: Stack): ManifestPlan {
  const byName = new Map(stack.spec.components.map(c => [c.name, c]));
  const ctx: GenerationContext = {
    stack,
    api: apiVersionsFor(stack.spec.kubernetesVersion),
    environments: resolveEnvironments(stack),
    component: name => {
      const c = byName.get(name);
      if (!c) throw new Error(`unknown component ${name}`);
      return c;
    },
  };

  const additions: Additions[] = [namespacePolicies(stack)];
  for (const c of stack.spec.components)
    additions.push(kindOfComponent(c).manifests(stack, c, ctx));
  for (const link of resolveLinks(stack))
    additions.push(linkRuleFor(link)(stack, link, ctx));
  additions.push(
    routing(
      stack,
      additions.flatMap(a => a.routes ?? []),
      ctx,
    ),
  );

  // Merge what every default and rule contributed.
  const baseEnv = new Map<string, EnvVar[]>();
  const envEnv = new Map<string, EnvVar[]>();
  const inits = new Map<string, Record<string, unknown>[]>();
  const baseObjects = new Map<string, K8sObject[]>();
  const envObjects = new Map<Environment, K8sObject[]>(
    ENVIRONMENTS.map(e => [e, []]),
  );
  const push = <K, V>(m: Map<K, V[]>, k: K, v: V[]) => {
    const list = m.get(k);
    if (list) list.push(...v);
    else m.set(k, [...v]);
  };
  for (const a of additions) {
    for (const e of a.env ?? []) {
      if (e.environment)
        push(envEnv, `${e.environment}/${e.component}`, e.vars);
      else push(baseEnv, e.component, e.vars);
    }
    for (const i of a.initContainers ?? [])
      push(inits, i.component, [i.container]);
    for (const o of a.objects ?? []) {
      if (o.environment) push(envObjects, o.environment, [o.object]);
      else push(baseObjects, o.component, [o.object]);
    }
  }
  // Several links between the same two components need the same policy or init container once.
  for (const [k, list] of baseObjects) {
    const unique = uniqueBy(list, o => `${o.kind}/${o.metadata.name}`);
    baseObjects.set(
      k,
      k === NAMESPACE_SCOPE ? unique : mergeNetworkPolicies(unique),
    );
  }
  for (const [k, list] of envObjects)
    envObjects.set(
      k,
      uniqueBy(list, o => `${o.kind}/${o.metadata.name}`),
    );
  for (const [k, list] of inits)
    inits.set(
      k,
      uniqueBy(list, c => String(c.name)),
    );
  for (const [k, list] of baseEnv)
    baseEnv.set(
      k,
      uniqueBy(list, v => JSON.stringify(v)),
    );
  for (const [k, list] of envEnv)
    envEnv.set(
      k,
      uniqueBy(list, v => JSON.stringify(v)),
    );
  for (const c of stack.spec.components) {
    if (isWorkload(c)) {
      push(baseObjects, c.name, [
        buildDeployment(
          stack,
          c,
          baseEnv.get(c.name) ?? [],
          inits.get(c.name) ?? [],
        ),
      ]);
    }
  }

  const environments: EnvironmentPlan[] = ctx.environments.map(env => {
    const patches: EnvironmentPatch[] = [];
    for (const c of stack.spec.components) {
      const override = env.settings.components?.[c.name];
      // Operator-managed data components scale through their own resources' fields.
      const dataPatch =
        override?.replicas === undefined
          ? undefined
          : kindOfComponent(c).replicasPatch(c, override.replicas);
      if (dataPatch)
        patches.push({
          path: `patches/${c.name}-${dataPatch.kind.toLowerCase()}.yaml`,
          patch: dataPatch,
        });
      if (!isWorkload(c)) continue;
      const autoscaled =
        override?.autoscaling?.enabled ?? env.autoscaling.enabled;
      const extraEnv = envEnv.get(`${env.name}/${c.name}`) ?? [];
      const container: Record<string, unknown> = { name: c.name };
      if (extraEnv.length > 0) container.env = extraEnv;
      if (override?.resources)
        container.resources = resolveResources(
          override.resources,
          componentResources(c),
        );
      const spec: Record<string, unknown> = {};
      if (!autoscaled)
        spec.replicas = override?.replicas ?? c.replicas ?? env.replicas;
      if (Object.keys(container).length > 1)
        spec.template = { spec: { containers: [container] } };
      if (Object.keys(spec).length === 0) continue;
      patches.push({
        path: `patches/${c.name}-deployment.yaml`,
        patch: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: c.name },
          spec,
        },
      });
    }
    return {
      env,
      // The namespace itself is the platform's (created from the system registry, argocd/tenancy), never a stack's.
      namespace: namespaceFor(stack, env.name),
      labels: {
        'idp.platform/system': stack.metadata.system,
        'idp.platform/environment': env.name,
      },
      objects: envObjects.get(env.name) ?? [],
      patches,
    };
  });
  return { stack, base: baseObjects, environments };
}
