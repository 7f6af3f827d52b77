import { ConfigReader } from '@backstage/config';
import { execFile } from 'node:child_process';
import { createServer, Server } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  checkCacheConfig,
  checkDatabaseConfig,
  checkListenPort,
  checkSignInConfig,
  preflight,
} from './preflight';

const root = resolve(__dirname, '../../..');
const production = [
  'node',
  'index',
  '--config',
  `${root}/app-config.yaml`,
  '--config',
  `${root}/app-config.production.yaml`,
];

function listen(port: number): Promise<Server> {
  return new Promise(done => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => done(server));
  });
}

describe('checkDatabaseConfig', () => {
  it.each([
    [{}, /backend.database.client is not set/],
    [{ client: 'pg' }, /set POSTGRES_HOST .* and POSTGRES_USER/],
    [{ client: 'pg', connection: { host: 'db' } }, /set POSTGRES_USER/],
    [{ client: 'pg', connection: '  ' }, /connection is empty/],
  ])('rejects %j', (database, message) => {
    const config = new ConfigReader({ backend: { database } });
    expect(checkDatabaseConfig(config)).toMatch(message);
  });

  it.each([
    { client: 'better-sqlite3', connection: ':memory:' },
    { client: 'pg', connection: 'postgres://u:p@db:5432' },
    { client: 'pg', connection: { host: 'db', user: 'u', port: 5432 } },
  ])('accepts %j', database => {
    const config = new ConfigReader({ backend: { database } });
    expect(checkDatabaseConfig(config)).toBeUndefined();
  });
});

describe('checkSignInConfig', () => {
  const oidc = {
    metadataUrl: 'https://idp.example.com/.well-known/openid-configuration',
    clientId: 'portal',
    clientSecret: 's',
  };

  it('refuses guest alone outside development, in one line naming what to set', () => {
    const config = new ConfigReader({ auth: { providers: { guest: {} } } });
    expect(checkSignInConfig(config, 'production')).toBe(
      'no sign-in provider besides guest, which refuses everyone outside development: configure auth.providers.oidc.development (AUTH_OIDC_METADATA_URL, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET) or auth.providers.github.development (AUTH_GITHUB_CLIENT_ID, AUTH_GITHUB_CLIENT_SECRET)',
    );
    expect(checkSignInConfig(config, 'development')).toBeUndefined();
  });

  it('names the missing variables of a configured provider', () => {
    const config = new ConfigReader({
      auth: {
        environment: 'production',
        providers: {
          guest: {},
          oidc: { production: { ...oidc, clientSecret: undefined } },
        },
      },
    });
    expect(checkSignInConfig(config, 'production')).toBe(
      'sign-in provider oidc is incomplete for auth.environment production: set AUTH_OIDC_CLIENT_SECRET (auth.providers.oidc.production.clientSecret), or remove auth.providers.oidc',
    );
  });

  it('accepts a complete provider', () => {
    const config = new ConfigReader({
      auth: {
        environment: 'production',
        providers: { oidc: { production: oidc } },
      },
    });
    expect(checkSignInConfig(config, 'production')).toBeUndefined();
  });
});

describe('checkListenPort', () => {
  it('names the port that is taken and how to free it', async () => {
    const server = await listen(47123);
    try {
      const config = new ConfigReader({ backend: { listen: { port: 47123 } } });
      expect(await checkListenPort(config)).toBe(
        'port 47123 is already in use: stop the process that holds it (e.g. `lsof -i :47123`) or change backend.listen.port',
      );
    } finally {
      server.close();
    }
  });

  it('accepts a free port', async () => {
    const config = new ConfigReader({ backend: { listen: ':47124' } });
    expect(await checkListenPort(config)).toBeUndefined();
  });
});

describe('preflight', () => {
  it('reports the missing PostgreSQL connection of the production config', async () => {
    expect(await preflight(production, {})).toMatch(
      /^the PostgreSQL connection is incomplete: set POSTGRES_HOST/,
    );
  });

  it('reports REDIS_URL of the production config once the database is set', async () => {
    const env = {
      POSTGRES_HOST: 'db',
      POSTGRES_USER: 'backstage',
      NODE_ENV: 'production',
    };
    expect(await preflight(production, env)).toMatch(
      /^backend.cache.store is redis but backend.cache.connection is empty: set REDIS_URL/,
    );
  });

  it('reports the sign-in variables of the production config once the database and cache are set', async () => {
    const env = {
      POSTGRES_HOST: 'db',
      POSTGRES_USER: 'backstage',
      REDIS_URL: 'redis://redis:6379',
      NODE_ENV: 'production',
    };
    expect(await preflight(production, env)).toMatch(
      /^sign-in provider oidc is incomplete for auth.environment production: set AUTH_OIDC_METADATA_URL .*AUTH_OIDC_CLIENT_ID .*AUTH_OIDC_CLIENT_SECRET/,
    );
  });

  it('passes the production config once the connection and sign-in are given', async () => {
    const env = {
      POSTGRES_HOST: 'db',
      POSTGRES_USER: 'backstage',
      REDIS_URL: 'redis://redis:6379',
      NODE_ENV: 'production',
      AUTH_OIDC_METADATA_URL:
        'https://idp.example.com/.well-known/openid-configuration',
      AUTH_OIDC_CLIENT_ID: 'portal',
      AUTH_OIDC_CLIENT_SECRET: 'secret',
      AUTH_GITHUB_CLIENT_ID: 'gh',
      AUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
    };
    // 7007 may be taken by a running portal; only the database part matters here.
    const problem = await preflight(production, env);
    expect(problem ?? '').not.toMatch(/PostgreSQL|sign-in/);
  });
});

describe('the backend entrypoint', () => {
  // It transpiles the whole backend on the fly: over a minute on a busy 2-core machine.
  jest.setTimeout(150_000);

  it('exits non-zero with one line when production config has no database', async () => {
    const run = promisify(execFile);
    const error = await run(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        resolve(__dirname, 'index.ts'),
        ...production.slice(2),
      ],
      { cwd: resolve(__dirname, '..'), env: { PATH: process.env.PATH } },
    ).then(
      () => undefined,
      e => e,
    );
    expect(error?.code).toBe(1);
    expect(error.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^Cannot start the backend: the PostgreSQL connection is incomplete: set POSTGRES_HOST/,
      ),
    ]);
  });
});

describe('checkCacheConfig', () => {
  const cache = (data: object) =>
    checkCacheConfig(new ConfigReader({ backend: { cache: data } }));
  it('refuses a Redis cache without a connection, naming REDIS_URL', () => {
    expect(cache({ store: 'redis' })).toMatch(
      /backend.cache.connection is empty: set REDIS_URL/,
    );
    expect(cache({ store: 'redis', connection: ' ' })).toMatch(/REDIS_URL/);
  });
  it('accepts a Redis URL and the in-memory store', () => {
    expect(
      cache({ store: 'redis', connection: 'redis://127.0.0.1:6379' }),
    ).toBeUndefined();
    expect(cache({ store: 'memory' })).toBeUndefined();
  });
});
