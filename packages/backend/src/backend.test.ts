import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { backendFeatures } from './features';
import { startPostgres, TestPostgres } from './testing/postgres';
import { loadAppConfig, waitForEntity } from './__testUtils__/appConfig';

// Boots the portal's real feature set (features.ts) with its real
// app-config.yaml on each database it supports, and reads the example catalog
// back through the catalog API. Only the database settings are replaced.
async function bootAndReadCatalog(database: JsonObject) {
  const appConfig = await loadAppConfig();
  const backend = await startTestBackend({
    features: [
      ...backendFeatures,
      mockServices.rootConfig.factory({
        data: {
          ...appConfig,
          backend: { ...(appConfig.backend as JsonObject), database },
        },
      }),
    ],
  });
  try {
    const system = await waitForEntity(backend.server, 'system:payments');
    const api = await waitForEntity(backend.server, 'component:payments-api');
    const group = await waitForEntity(backend.server, 'group:payments-team');
    return { backend, system, api, group };
  } catch (e) {
    await backend.stop();
    throw e;
  }
}

describe('the portal backend', () => {
  jest.setTimeout(180_000);

  it('runs its migrations and the catalog on SQLite', async () => {
    const { backend, system, api } = await bootAndReadCatalog({
      client: 'better-sqlite3',
      connection: ':memory:',
    });
    expect(system.spec.owner).toBe('group:payments-team');
    expect(api.relations).toEqual(
      expect.arrayContaining([
        { type: 'dependsOn', targetRef: 'resource:default/payments-db' },
        { type: 'providesApi', targetRef: 'api:default/payments-api' },
      ]),
    );
    await backend.stop();
  });

  describe('on PostgreSQL 15', () => {
    let pg: TestPostgres;
    beforeAll(async () => {
      pg = await startPostgres();
    });
    afterAll(() => pg?.stop());

    it('runs its migrations and the catalog, one database per plugin', async () => {
      const { backend, system, group } = await bootAndReadCatalog({
        client: 'pg',
        connection: pg.connection,
      });
      expect(system.metadata.name).toBe('payments');
      expect(group.relations).toEqual(
        expect.arrayContaining([
          { type: 'hasMember', targetRef: 'user:default/ada' },
        ]),
      );
      // The catalog's own tables exist in its own database, migrated to the end.
      const databases = pg.query('postgres', 'SELECT datname FROM pg_database');
      expect(databases.split('\n')).toEqual(
        expect.arrayContaining([
          'backstage_plugin_catalog',
          'backstage_plugin_scaffolder',
          'backstage_plugin_auth',
        ]),
      );
      const entities = Number(
        pg.query(
          'backstage_plugin_catalog',
          'SELECT count(*) FROM final_entities WHERE final_entity LIKE \'%"payments"%\'',
        ),
      );
      expect(entities).toBeGreaterThan(0);
      const pending = pg.query(
        'backstage_plugin_catalog',
        'SELECT count(*) FROM knex_migrations_lock WHERE is_locked = 1',
      );
      expect(pending).toBe('0');
      await backend.stop();
    });
  });
});
