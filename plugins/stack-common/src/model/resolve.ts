import { Environment, ENVIRONMENTS } from '../schema/names';
import { kindOf, kindOfComponent } from '../componentTypes/registry';
import {
  EnvironmentSettings,
  Stack,
  StackComponent,
  StackResources,
} from '../schema/stackSchema';

export const DEFAULT_RESOURCES: ResolvedResources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '500m', memory: '512Mi' },
};

export interface ResolvedResources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

export function resolveResources(
  r: StackResources | undefined,
  base: ResolvedResources = DEFAULT_RESOURCES,
): ResolvedResources {
  return {
    requests: { ...base.requests, ...r?.requests },
    limits: { ...base.limits, ...r?.limits },
  };
}

/** What a component's containers run with in the base: its own resources over its type's defaults. */
export function componentResources(c: {
  type: string;
  resources?: StackResources;
}): ResolvedResources {
  return resolveResources(c.resources, kindOf(c.type)?.defaults.resources);
}

/** The component's version, else its type's default. */
export function componentVersion(c: {
  type: string;
  version?: string;
}): string {
  return c.version ?? kindOf(c.type)!.defaults.version;
}

/** The component's port, else its type's default (types without a port setting always use it). */
export function componentPort(c: { type: string; port?: number }): number {
  return ('port' in c ? c.port : undefined) ?? kindOf(c.type)!.defaults.port;
}

/** The image a component runs: its own `image`, else what its type and version pick. */
export function imageFor(stack: Stack, c: StackComponent): string {
  return c.image ?? kindOfComponent(c).image(stack, c);
}

/** Standard labels on every generated object of a component. */
export function labelsFor(
  stack: Stack,
  c: { name: string; type: string },
): Record<string, string> {
  return {
    'app.kubernetes.io/name': c.name,
    'app.kubernetes.io/component': c.type,
    'app.kubernetes.io/part-of': stack.metadata.name,
    'app.kubernetes.io/managed-by': 'idp-stack',
    'idp.platform/system': stack.metadata.system,
  };
}

/** Pod selector of a workload component (what NetworkPolicies and Services select). */
export function selectorFor(
  stack: Stack,
  name: string,
): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': stack.metadata.name,
  };
}

/** Labels that select a component's pods; operators label their own pods (each type's `podSelector`). */
export function podSelectorFor(
  stack: Stack,
  c: { name: string; type: string },
): Record<string, string> {
  return kindOf(c.type)?.podSelector(stack, c) ?? selectorFor(stack, c.name);
}

export interface ResolvedEnvironment {
  name: Environment;
  hostname: string;
  autoscaling: {
    enabled: boolean;
    minReplicas: number;
    maxReplicas: number;
    targetCPUUtilization: number;
  };
  replicas: number;
  settings: EnvironmentSettings;
}

/** Dev runs one replica by hand; stage and prod autoscale unless told otherwise. */
const ENV_DEFAULTS: Record<
  Environment,
  { autoscaling: boolean; min: number; max: number }
> = {
  dev: { autoscaling: false, min: 1, max: 2 },
  stage: { autoscaling: true, min: 2, max: 4 },
  prod: { autoscaling: true, min: 2, max: 10 },
};

export function resolveEnvironment(
  stack: Stack,
  env: Environment,
): ResolvedEnvironment {
  const settings = stack.spec.environments?.[env] ?? {};
  const d = ENV_DEFAULTS[env];
  const domain = stack.spec.routing?.domain ?? 'apps.internal';
  const a = settings.autoscaling;
  const minReplicas = a?.minReplicas ?? d.min;
  return {
    name: env,
    hostname: settings.hostname ?? `${stack.metadata.name}.${env}.${domain}`,
    autoscaling: {
      enabled: a?.enabled ?? d.autoscaling,
      minReplicas,
      maxReplicas: Math.max(a?.maxReplicas ?? d.max, minReplicas),
      targetCPUUtilization: a?.targetCPUUtilization ?? 75,
    },
    replicas: settings.replicas ?? d.min,
    settings,
  };
}

export function resolveEnvironments(stack: Stack): ResolvedEnvironment[] {
  return ENVIRONMENTS.map(env => resolveEnvironment(stack, env));
}
