import { defaultImage } from '../defaultImages';
import { componentVersion, selectorFor } from '../../model/resolve';
import { issue } from '../../validation/issues';
import type { ComponentKind } from '../kind';
import { redisDefaults } from './manifests';
import { redisComponentSchema, type RedisComponent } from './schema';
import { serviceToRedis } from './serviceToRedis';

/** Redis as a single-instance StatefulSet; logical databases are indexes. */
export const redisKind: ComponentKind<RedisComponent> = {
  type: 'redis',
  description: 'Redis cache',
  role: 'data',
  schema: redisComponentSchema,
  defaults: { version: '7.4', port: 6379 },
  image: (_stack, c) =>
    defaultImage('redis', componentVersion(c)) ??
    `docker.io/library/redis:${componentVersion(c)}-alpine`,
  runtimeEnv: () => [],
  subComponents: [
    {
      field: 'databases',
      kind: 'database',
      catalogType: 'database',
      topology: 'cache',
    },
  ],
  uniqueNames: ['databases'],
  checks: (c, at) => {
    const indexes = new Map<number, number>();
    const out = [];
    for (const [j, d] of (Array.isArray(c.databases)
      ? c.databases
      : []
    ).entries()) {
      if (!d || typeof d !== 'object' || typeof d.index !== 'number') continue;
      if (indexes.has(d.index)) {
        out.push(
          issue(
            [...at, 'databases', j, 'index'],
            'unique-index',
            `${d.index} is already used by databases[${indexes.get(d.index)}]`,
          ),
        );
      } else indexes.set(d.index, j);
    }
    return out;
  },
  links: {
    asSource: [],
    asTarget: [
      { peers: ['service'], rule: serviceToRedis, options: ['access'] },
    ],
  },
  manifests: redisDefaults,
  podSelector: (stack, c) => selectorFor(stack, c.name),
  // A single instance: replicas are not scaled per environment.
  replicasPatch: () => undefined,
  catalog: { kind: 'Resource', type: 'cache' },
  topology: 'cache',
  starter: name => ({
    name,
    type: 'redis',
    databases: [{ name: 'cache', index: 0 }],
  }),
};
