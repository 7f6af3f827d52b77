import type { Stack } from '../../schema/stackSchema';
import {
  componentPort,
  imageFor,
  labelsFor,
  componentResources,
} from '../../model/resolve';
import type { Additions, K8sObject } from '../../generator/types';
import { externalSecrets } from '../../generator/externalSecret';
import { operatorClusterPolicies } from '../operatorClusterPolicies';
import type { PostgresComponent } from './schema';
import { postgresReaders, readerRoleSpec } from './readRoles';

/** Namespace the CloudNativePG operator runs in (its default install). */
export const CNPG_NAMESPACE = 'cnpg-system';

/** The database CNPG bootstraps; its owner's credentials land in `<cluster>-app`. */
export function bootstrapDatabase(c: PostgresComponent): {
  name: string;
  owner: string;
} {
  const first = c.databases?.[0];
  return first
    ? { name: first.name, owner: first.owner ?? first.name }
    : { name: 'app', owner: 'app' };
}

/** Roles the cluster manages besides the bootstrap owner. */
export function managedRoles(
  c: PostgresComponent,
): { name: string; login: boolean }[] {
  const bootstrapOwner = bootstrapDatabase(c).owner;
  const roles = new Map<string, boolean>();
  for (const r of c.roles ?? []) roles.set(r.name, r.login ?? true);
  for (const d of (c.databases ?? []).slice(1)) {
    const owner = d.owner ?? d.name;
    if (!roles.has(owner)) roles.set(owner, true);
  }
  roles.delete(bootstrapOwner);
  return [...roles].map(([name, login]) => ({ name, login }));
}

/** Secret holding `username`/`password` of a role: operator-made for the bootstrap owner, else a reference. */
export function roleSecretName(c: PostgresComponent, role: string): string {
  return role === bootstrapDatabase(c).owner
    ? `${c.name}-app`
    : `${c.name}-${role}-credentials`;
}

/**
 * A CloudNativePG Cluster with its databases and roles (and a read-only role
 * per service that reads it, readRoles.ts); role passwords come
 * from the platform store through ExternalSecrets; a nightly ScheduledBackup
 * in prod; NetworkPolicies for the operator and replication.
 */
export function postgresDefaults(
  stack: Stack,
  c: PostgresComponent,
): Additions {
  const labels = labelsFor(stack, c);
  const boot = bootstrapDatabase(c);
  const roles = managedRoles(c);
  const readers = postgresReaders(stack, c);
  const port = componentPort(c);
  const cluster: K8sObject = {
    apiVersion: 'postgresql.cnpg.io/v1',
    kind: 'Cluster',
    metadata: { name: c.name, labels },
    spec: {
      instances: c.replicas ?? 1,
      imageName: imageFor(stack, c),
      storage: { size: c.storage ?? '1Gi' },
      resources: componentResources(c),
      bootstrap: { initdb: { database: boot.name, owner: boot.owner } },
      ...(roles.length + readers.length > 0
        ? {
            managed: {
              roles: [
                ...roles.map(r => ({
                  name: r.name,
                  ensure: 'present',
                  login: r.login,
                  passwordSecret: { name: roleSecretName(c, r.name) },
                })),
                ...readers.map(readerRoleSpec),
              ],
            },
          }
        : {}),
      backup: { volumeSnapshot: { className: 'csi-snapshots' } },
    },
  };
  const objects: Additions['objects'] = [
    { component: c.name, object: cluster },
  ];
  // Declared roles and readers (readRoles.ts) alike get their password from the platform store.
  const credentials = [
    ...roles.map(r => ({ secret: roleSecretName(c, r.name), purpose: r.name })),
    ...readers.map(r => ({ secret: r.secretName, purpose: r.purpose })),
  ];
  for (const { secret, purpose } of credentials) {
    objects.push(
      ...externalSecrets(
        stack,
        c.name,
        secret,
        labels,
        purpose,
        ['username', 'password'],
        'kubernetes.io/basic-auth',
      ),
    );
  }
  for (const d of (c.databases ?? []).slice(1)) {
    objects.push({
      component: c.name,
      object: {
        apiVersion: 'postgresql.cnpg.io/v1',
        kind: 'Database',
        metadata: { name: `${c.name}-${d.name}`, labels },
        spec: {
          name: d.name,
          owner: d.owner ?? d.name,
          cluster: { name: c.name },
        },
      },
    });
  }
  objects.push({
    component: c.name,
    environment: 'prod',
    object: {
      apiVersion: 'postgresql.cnpg.io/v1',
      kind: 'ScheduledBackup',
      metadata: { name: `${c.name}-nightly`, labels },
      spec: {
        // CNPG schedules have a seconds field: every day at 02:00.
        schedule: '0 0 2 * * *',
        method: 'volumeSnapshot',
        backupOwnerReference: 'self',
        cluster: { name: c.name },
      },
    },
  });
  // The operator reaches instances on 8000 (status) and 5432; instances replicate on the same ports.
  objects.push(
    ...operatorClusterPolicies(
      stack,
      c,
      CNPG_NAMESPACE,
      [8000, port],
      [8000, port],
    ),
  );
  return { objects };
}
