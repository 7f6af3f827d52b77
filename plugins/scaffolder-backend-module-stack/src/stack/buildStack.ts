import { COMPONENT_KINDS } from '@idp-stack/plugin-stack-common';

const versionOf = (type: keyof typeof COMPONENT_KINDS) =>
  COMPONENT_KINDS[type].defaults.version;

/** Optional data components a service template can add, as the form offers them. */
export const EXTRAS = ['database', 'queue', 'bucket', 'cache'] as const;

export type StackParameters = {
  name: string;
  system: string;
  owner: string;
  description?: string;
  serviceType: 'nodejs' | 'fastapi';
  port?: number;
  extras?: string[];
  environments?: Record<string, unknown>;
  domain?: string;
};

/** Underscore-free, DNS-safe form of a name for sub-components. */
const subName = (name: string) => name.replace(/[^a-z0-9-]/g, '-');

/**
 * The stack description of a single-service golden path: the service named
 * like the repository plus the data components ticked in the form, each
 * linked from the service. Returned unvalidated: validateStack judges it.
 */
export function buildStack(p: StackParameters): Record<string, unknown> {
  const service = {
    name: p.name,
    type: p.serviceType,
    version: versionOf(p.serviceType),
    port: p.port ?? 8080,
    probes: {
      liveness: { path: '/health' },
      readiness: { path: '/ready' },
    },
  };
  const components: Record<string, unknown>[] = [service];
  const links: Record<string, unknown>[] = [];
  const extras = new Set(p.extras ?? []);
  const base = subName(p.name);
  if (extras.has('database')) {
    components.push({
      name: 'db',
      type: 'postgres',
      version: versionOf('postgres'),
      databases: [{ name: base }],
    });
    links.push({ from: p.name, to: `db/${base}` });
  }
  if (extras.has('queue')) {
    components.push({
      name: 'mq',
      type: 'rabbitmq',
      version: versionOf('rabbitmq'),
      queues: [{ name: `${base}-events`, deadLetter: true }],
    });
    links.push({ from: p.name, to: `mq/${base}-events` });
  }
  if (extras.has('bucket')) {
    components.push({
      name: 'store',
      type: 'minio',
      buckets: [{ name: `${base}-files` }],
    });
    links.push({ from: p.name, to: `store/${base}-files` });
  }
  if (extras.has('cache')) {
    components.push({
      name: 'cache',
      type: 'redis',
      version: versionOf('redis'),
      databases: [{ name: 'cache', index: 0 }],
    });
    links.push({ from: p.name, to: 'cache/cache' });
  }
  return {
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: {
      name: p.name,
      system: p.system,
      owner: p.owner,
      ...(p.description ? { description: p.description } : {}),
    },
    spec: {
      ...(p.domain ? { routing: { kind: 'ingress', domain: p.domain } } : {}),
      components,
      ...(links.length ? { links } : {}),
      ...(p.environments ? { environments: p.environments } : {}),
    },
  };
}
