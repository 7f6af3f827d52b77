// The real PostgreSQL 15 the backend tests start (initdb + pg_ctl); test-only,
// reused rather than copied, as templates.test.ts does with the backend's helpers.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  startPostgres,
  type TestPostgres,
} from '../../../../../packages/backend/src/testing/postgres';
import { runRule, stackOf } from '../../testUtils/links';
import { validateStack } from '../../validation/validateStack';
import { postgresDefaults } from './manifests';
import { READ_ALL_DATA } from './readRoles';
import type { PostgresComponent } from './schema';
import { serviceToPostgres } from './serviceToPostgres';

const stack = stackOf({
  components: [
    { name: 'api', type: 'nodejs' },
    { name: 'report', type: 'nodejs' },
    { name: 'db', type: 'postgres', databases: [{ name: 'orders' }] },
  ],
  links: [
    { from: 'api', to: 'db/orders' },
    { from: 'report', to: 'db/orders', access: 'read' },
  ],
  environments: { prod: { components: { db: { replicas: 3 } } } },
});
const db = stack.spec.components[2] as PostgresComponent;
const managedRoles = (): Record<string, any>[] =>
  (postgresDefaults(stack, db).objects![0].object.spec as any).managed.roles;

/** Quotes like pgx.Identifier.Sanitize and pq.QuoteLiteral. */
const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The statement CloudNativePG runs to create a managed role, option by option
 * as in internal/management/controller/roles/postgres.go (Create →
 * appendRoleOptions, appendInRoleOptions, appendPasswordOption); the password
 * is what its passwordSecret holds.
 */
function cnpgCreateRole(role: Record<string, any>, password: string): string {
  const flag = (on: boolean | undefined, name: string) =>
    on ? name : `NO${name}`;
  return [
    `CREATE ROLE ${ident(role.name)}`,
    flag(role.bypassrls, 'BYPASSRLS'),
    flag(role.createdb, 'CREATEDB'),
    flag(role.createrole, 'CREATEROLE'),
    flag(role.inherit ?? true, 'INHERIT'),
    flag(role.login, 'LOGIN'),
    flag(role.replication, 'REPLICATION'),
    flag(role.superuser, 'SUPERUSER'),
    `CONNECTION LIMIT ${role.connectionLimit ?? -1}`,
    ...(role.inRoles?.length
      ? [`IN ROLE ${role.inRoles.map(ident).join(',')}`]
      : []),
    `PASSWORD ${literal(password)}`,
  ].join(' ');
}

describe('PostgreSQL read role', () => {
  it('gives a read link a role of its own that holds only pg_read_all_data', () => {
    const [reader] = managedRoles();
    expect(reader).toMatchObject({
      name: 'report_reader',
      login: true,
      inRoles: [READ_ALL_DATA],
      passwordSecret: { name: 'db-report-readonly' },
    });
    // Every privilege CloudNativePG can grant a managed role is off.
    const privileges = ['superuser', 'createdb', 'createrole', 'replication'];
    for (const p of [...privileges, 'bypassrls']) {
      expect([p, reader[p]]).toEqual([p, false]);
    }
    // The write link keeps the owner: no role for api.
    expect(managedRoles()).toHaveLength(1);
  });

  it("fills the role's credentials from the platform store, per environment", () => {
    const secrets = postgresDefaults(stack, db).objects!.filter(
      o =>
        o.object.kind === 'ExternalSecret' &&
        o.object.metadata.name === 'db-report-readonly',
    );
    expect(secrets.map(s => s.environment)).toEqual(['dev', 'stage', 'prod']);
    expect((secrets[2].object.spec as any).data).toEqual([
      {
        secretKey: 'username',
        remoteRef: {
          key: 'commerce-prod.shop.db.reader-report',
          property: 'username',
        },
      },
      {
        secretKey: 'password',
        remoteRef: {
          key: 'commerce-prod.shop.db.reader-report',
          property: 'password',
        },
      },
    ]);
  });

  it('connects reads to the replicas where there are replicas, writes to the primary', () => {
    const read = runRule(serviceToPostgres, stack, 1);
    expect(read.env).toEqual([
      expect.objectContaining({
        component: 'report',
        vars: expect.arrayContaining([
          { name: 'DB_ORDERS_HOST', value: 'db-rw' },
          {
            name: 'DB_ORDERS_USER',
            valueFrom: {
              secretKeyRef: { name: 'db-report-readonly', key: 'username' },
            },
          },
        ]),
      }),
      {
        component: 'report',
        environment: 'prod',
        vars: [{ name: 'DB_ORDERS_HOST', value: 'db-ro' }],
      },
    ]);
    const write = runRule(serviceToPostgres, stack, 0);
    expect(write.env).toHaveLength(1);
    expect(write.env![0].vars[0]).toEqual({
      name: 'DB_ORDERS_HOST',
      value: 'db-rw',
    });
    expect(write.env![0].vars[3].valueFrom).toEqual({
      secretKeyRef: { name: 'db-app', key: 'username' },
    });
  });

  it("refuses a declared role that could take a reader's credentials", () => {
    const r = validateStack({
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'Stack',
      metadata: { name: 'shop', system: 'commerce', owner: 'group:commerce' },
      spec: {
        components: [
          { name: 'db', type: 'postgres', roles: [{ name: 'reader-api' }] },
        ],
      },
    });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map(i => [i.rule, i.message])).toEqual([
      [
        'reserved-name',
        'spec.components[0].roles[0].name: "reader-api": role names starting with "reader-" are reserved for the read roles of read links',
      ],
    ]);
  });

  describe('on a real PostgreSQL 15', () => {
    let pg: TestPostgres;
    const denied = (sql: string) => {
      try {
        pg.query('orders', sql, 'report_reader');
      } catch (e: any) {
        return String(e.stderr);
      }
      throw new Error(`the read role could run: ${sql}`);
    };

    beforeAll(async () => {
      pg = await startPostgres();
      // What CNPG's initdb bootstrap leaves: the database owned by its owner role.
      pg.query('postgres', 'CREATE ROLE orders LOGIN');
      pg.query('postgres', 'CREATE DATABASE orders OWNER orders');
      pg.query(
        'orders',
        "CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items VALUES (1, 'pen')",
        'orders',
      );
      // Then the role reconciler, with the generated role.
      const [reader] = managedRoles();
      pg.query('postgres', cnpgCreateRole(reader, 'test-only-read-password'));
    }, 60_000);
    afterAll(() => pg?.stop());

    it('lets the read role SELECT', () => {
      expect(
        pg.query('orders', 'SELECT name FROM items', 'report_reader'),
      ).toBe('pen');
    });

    it.each([
      [
        "INSERT INTO items VALUES (2, 'ink')",
        'permission denied for table items',
      ],
      ["UPDATE items SET name = 'ink'", 'permission denied for table items'],
      ['DELETE FROM items', 'permission denied for table items'],
      ['CREATE TABLE notes (id int)', 'permission denied for schema public'],
      ['CREATE SCHEMA mine', 'permission denied for database orders'],
      ['CREATE DATABASE other', 'permission denied to create database'],
    ])('refuses the read role %s', (sql, error) => {
      expect(denied(sql)).toContain(error);
      expect(pg.query('orders', 'SELECT count(*) FROM items')).toBe('1');
    });
  });
});
