import { Environment, ENVIRONMENTS } from '../schema/names';
import {
  EnvironmentSettings,
  Stack,
  StackComponent,
  StackResources,
} from '../schema/stackSchema';

/** Per-type defaults: version, port and the image a version implies. */
export const TYPE_DEFAULTS = {
  nodejs: { version: '24', port: 3000 },
  fastapi: { version: '3.12', port: 8000 },
  frontend: { version: '24', port: 8080 },
  postgres: { version: '16', port: 5432 },
  redis: { version: '7.4', port: 6379 },
  rabbitmq: { version: '3.13', port: 5672 },
  minio: { version: '2024.10', port: 9000 },
} as const;

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

export function componentVersion(c: StackComponent): string {
  return c.version ?? TYPE_DEFAULTS[c.type].version;
}

/** CloudNativePG always serves 5432, so postgres has no port setting. */
export function componentPort(c: StackComponent): number {
  return ('port' in c ? c.port : undefined) ?? TYPE_DEFAULTS[c.type].port;
}

/** Standard labels on every generated object of a component. */
export function labelsFor(stack: Stack, c: { name: string; type: string }): Record<string, string> {
  return {
    'app.kubernetes.io/name': c.name,
    'app.kubernetes.io/component': c.type,
    'app.kubernetes.io/part-of': stack.metadata.name,
    'app.kubernetes.io/managed-by': 'idp-stack',
    'idp.platform/system': stack.metadata.system,
  };
}

/** Pod selector of a workload component (what NetworkPolicies and Services select). */
export function selectorFor(stack: Stack, name: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': stack.metadata.name,
  };
}

/**
 * Labels that select a component's pods. Operators label their own pods:
 * CloudNativePG with `cnpg.io/cluster`, the RabbitMQ operator with
 * `app.kubernetes.io/name` + `part-of: rabbitmq`.
 */
export function podSelectorFor(stack: Stack, c: { name: string; type: string }): Record<string, string> {
  if (c.type === 'postgres') return { 'cnpg.io/cluster': c.name };
  if (c.type === 'rabbitmq') return { 'app.kubernetes.io/name': c.name, 'app.kubernetes.io/part-of': 'rabbitmq' };
  return selectorFor(stack, c.name);
}

export interface ResolvedEnvironment {
  name: Environment;
  hostname: string;
  autoscaling: { enabled: boolean; minReplicas: number; maxReplicas: number; targetCPUUtilization: number };
  replicas: number;
  settings: EnvironmentSettings;
}

/** Dev runs one replica by hand; stage and prod autoscale unless told otherwise. */
const ENV_DEFAULTS: Record<Environment, { autoscaling: boolean; min: number; max: number }> = {
  dev: { autoscaling: false, min: 1, max: 2 },
  stage: { autoscaling: true, min: 2, max: 4 },
  prod: { autoscaling: true, min: 2, max: 10 },
};

export function resolveEnvironment(stack: Stack, env: Environment): ResolvedEnvironment {
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
