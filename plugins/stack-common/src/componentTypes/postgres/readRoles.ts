import type { Environment } from '../../schema/names';
import type { Stack } from '../../schema/stackSchema';
import { resolveLinkEnd } from '../../model/links';
import type { PostgresComponent } from './schema';

/**
 * PostgreSQL's predefined role (14+) that may SELECT every table, view and
 * sequence and USE every schema, and nothing more; since 15 PUBLIC may no
 * longer CREATE in `public`, so a member of it cannot write anything.
 */
export const READ_ALL_DATA = 'pg_read_all_data';

/** Declared roles may not start with it: their purposes (remote keys) would collide with a reader's. */
export const READER_PREFIX = 'reader-';

/** The read-only role a service's read links to one cluster log in as. */
export interface PostgresReader {
  service: string;
  /** `<service>_reader`: service names are DNS labels, so the `_` keeps it apart from declared roles. */
  role: string;
  /** Secret (kubernetes.io/basic-auth, filled by the platform) with the role's `username`/`password`. */
  secretName: string;
  /** Purpose part of the remote key, `reader-<service>`: declared roles may not take that prefix (index.ts). */
  purpose: string;
}

const readersCache = new WeakMap<Stack, Map<string, PostgresReader[]>>();

/** One reader per service with a read link to `pg` (or one of its databases); computed once per stack. */
export function postgresReaders(
  stack: Stack,
  pg: PostgresComponent,
): PostgresReader[] {
  let all = readersCache.get(stack);
  if (!all) {
    all = new Map();
    for (const l of stack.spec.links ?? []) {
      if (l.access !== 'read') continue;
      const to = resolveLinkEnd(stack.spec.components, l.to);
      if (typeof to === 'string' || to.component.type !== 'postgres') continue;
      const list = all.get(to.component.name) ?? [];
      if (!list.some(r => r.service === l.from))
        list.push(readerFor(to.component.name, l.from));
      all.set(to.component.name, list);
    }
    readersCache.set(stack, all);
  }
  return all.get(pg.name) ?? [];
}

/** The reader of `service` on cluster `pg`. */
export function readerFor(pg: string, service: string): PostgresReader {
  return {
    service,
    role: `${service}_reader`,
    secretName: `${pg}-${service}-readonly`,
    purpose: `${READER_PREFIX}${service}`,
  };
}

/**
 * The CNPG `RoleConfiguration` of a reader: it logs in with its own password
 * and holds nothing but membership in pg_read_all_data. Every privilege flag
 * is spelled out so the Cluster reads as what CNPG will run
 * (`CREATE ROLE … NOSUPERUSER … IN ROLE "pg_read_all_data" PASSWORD …`,
 * internal/management/controller/roles/postgres.go).
 */
export function readerRoleSpec(r: PostgresReader): Record<string, unknown> {
  return {
    name: r.role,
    ensure: 'present',
    comment: `read-only access for ${r.service}`,
    login: true,
    superuser: false,
    createdb: false,
    createrole: false,
    replication: false,
    bypassrls: false,
    inherit: true,
    inRoles: [READ_ALL_DATA],
    passwordSecret: { name: r.secretName },
  };
}

/** Instances of the cluster in an environment: its overlay's `replicas`, else the component's, else one. */
export function instancesIn(
  stack: Stack,
  pg: PostgresComponent,
  env: Environment,
): number {
  return (
    stack.spec.environments?.[env]?.components?.[pg.name]?.replicas ??
    pg.replicas ??
    1
  );
}

/**
 * The service a read link connects to. With replicas, `<cluster>-ro` (CNPG's
 * service over hot standbys only, docs/src/service_management.md) keeps reads
 * off the primary. With a single instance `-ro` has no endpoints, so reads go
 * to `-rw`: `-r` would select the same pod, and `-rw` is the service the
 * stack's write links and readiness waits already rely on. The role, not the
 * host, is what keeps the reader from writing.
 */
export function readHost(pg: PostgresComponent, instances: number): string {
  return `${pg.name}-${instances > 1 ? 'ro' : 'rw'}`;
}
