import { defaultImage } from '../defaultImages';
import { componentVersion } from '../../model/resolve';
import { issue } from '../../validation/issues';
import type { ComponentKind } from '../kind';
import { postgresDefaults } from './manifests';
import { postgresComponentSchema, type PostgresComponent } from './schema';
import { serviceToPostgres } from './serviceToPostgres';
import { READER_PREFIX } from './readRoles';

/** PostgreSQL run by CloudNativePG. */
export const postgresKind: ComponentKind<PostgresComponent> = {
  type: 'postgres',
  description: 'PostgreSQL (CloudNativePG)',
  role: 'data',
  schema: postgresComponentSchema,
  // CloudNativePG always serves 5432, so postgres has no port setting.
  defaults: { version: '16', port: 5432 },
  image: (_stack, c) =>
    defaultImage('postgres', componentVersion(c)) ??
    `ghcr.io/cloudnative-pg/postgresql:${componentVersion(c)}`,
  runtimeEnv: () => [],
  subComponents: [
    {
      field: 'databases',
      kind: 'database',
      catalogType: 'database',
      topology: 'database',
    },
  ],
  uniqueNames: ['databases', 'roles'],
  checks: (c, at) => {
    const declared = Array.isArray(c.roles) ? c.roles : [];
    const roles = new Set(declared.map((r: any) => r?.name));
    const reserved = declared.flatMap((r: any, j: number) =>
      typeof r?.name === 'string' && r.name.startsWith(READER_PREFIX)
        ? [
            issue(
              [...at, 'roles', j, 'name'],
              'reserved-name',
              `${JSON.stringify(
                r.name,
              )}: role names starting with "${READER_PREFIX}" are reserved for the read roles of read links`,
            ),
          ]
        : [],
    );
    const owners = (Array.isArray(c.databases) ? c.databases : []).flatMap(
      (d: any, j: number) =>
        d &&
        typeof d === 'object' &&
        typeof d.owner === 'string' &&
        !roles.has(d.owner) &&
        d.owner !== d.name
          ? [
              issue(
                [...at, 'databases', j, 'owner'],
                'unknown-role',
                `${JSON.stringify(d.owner)} is not one of this cluster's roles`,
              ),
            ]
          : [],
    );
    return [...reserved, ...owners];
  },
  links: {
    asSource: [],
    asTarget: [
      { peers: ['service'], rule: serviceToPostgres, options: ['access'] },
    ],
  },
  manifests: postgresDefaults,
  // CloudNativePG labels its instance pods with the cluster name.
  podSelector: (_stack, c) => ({ 'cnpg.io/cluster': c.name }),
  replicasPatch: (c, replicas) => ({
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: c.name },
    spec: { instances: replicas },
  }),
  catalog: { kind: 'Resource', type: 'database' },
  topology: 'database',
  starter: name => ({ name, type: 'postgres', databases: [{ name: 'app' }] }),
};
