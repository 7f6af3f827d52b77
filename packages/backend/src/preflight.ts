import { ConfigSources } from '@backstage/config-loader';
import { Config } from '@backstage/config';
import { createServer } from 'node:net';

/**
 * Checks the database settings before any plugin connects, so that a
 * production config without a database says what to set in one line.
 * Returns the problem, or undefined when the config is usable.
 */
export function checkDatabaseConfig(config: Config): string | undefined {
  const client = config.getOptionalString('backend.database.client');
  if (!client) {
    return 'backend.database.client is not set: use better-sqlite3 for local use or pg with a connection for production';
  }
  if (client !== 'pg') {
    return undefined;
  }
  // Read the merged value once: with app-config.yaml's SQLite string below
  // the production object, per-key lookups would trip over the string.
  const connection = config.getOptional('backend.database.connection');
  if (typeof connection === 'string') {
    return connection.trim()
      ? undefined
      : 'backend.database.connection is empty: set it to a postgres:// URL';
  }
  const { host, user } = (connection ?? {}) as { host?: string; user?: string };
  const missing = [
    !host && 'POSTGRES_HOST (backend.database.connection.host)',
    !user && 'POSTGRES_USER (backend.database.connection.user)',
  ].filter(Boolean);
  if (missing.length > 0) {
    return `the PostgreSQL connection is incomplete: set ${missing.join(
      ' and ',
    )}, plus POSTGRES_PORT and POSTGRES_PASSWORD`;
  }
  return undefined;
}

/** What each sign-in provider needs, with the variables app-config.production.yaml reads them from. */
const PROVIDER_KEYS: Record<string, Record<string, string>> = {
  oidc: {
    metadataUrl: 'AUTH_OIDC_METADATA_URL',
    clientId: 'AUTH_OIDC_CLIENT_ID',
    clientSecret: 'AUTH_OIDC_CLIENT_SECRET',
  },
  github: {
    clientId: 'AUTH_GITHUB_CLIENT_ID',
    clientSecret: 'AUTH_GITHUB_CLIENT_SECRET',
  },
};

/**
 * Outside development the guest provider refuses everyone, so a portal
 * needs a real provider; and the auth backend stops on a provider with a
 * missing key (plugin-auth-backend's providers/router: "Failed to initialize
 * <id> auth provider" when NODE_ENV is not development). Says which to set.
 */
export function checkSignInConfig(
  config: Config,
  nodeEnv: string | undefined,
): string | undefined {
  if (nodeEnv === 'development') {
    return undefined;
  }
  const authEnv = config.getOptionalString('auth.environment') ?? 'development';
  const providers = config.getOptionalConfig('auth.providers');
  const real = (providers?.keys() ?? []).filter(id => id !== 'guest');
  if (real.length === 0) {
    return `no sign-in provider besides guest, which refuses everyone outside development: configure auth.providers.oidc.${authEnv} (AUTH_OIDC_METADATA_URL, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_CLIENT_SECRET) or auth.providers.github.${authEnv} (AUTH_GITHUB_CLIENT_ID, AUTH_GITHUB_CLIENT_SECRET)`;
  }
  for (const id of real) {
    const settings = providers!.getOptionalConfig(`${id}.${authEnv}`);
    const missing = Object.entries(PROVIDER_KEYS[id] ?? {})
      .filter(([key]) => !settings?.getOptionalString(key))
      .map(
        ([key, variable]) =>
          `${variable} (auth.providers.${id}.${authEnv}.${key})`,
      );
    if (!settings || missing.length > 0) {
      return `sign-in provider ${id} is incomplete for auth.environment ${authEnv}: set ${
        missing.join(', ') || `auth.providers.${id}.${authEnv}`
      }, or remove auth.providers.${id}`;
    }
  }
  return undefined;
}

/**
 * A Redis cache without a connection does not fail at start: every cached
 * read then waits on a client that never connects (seen as hung requests).
 */
export function checkCacheConfig(config: Config): string | undefined {
  if (config.getOptionalString('backend.cache.store') !== 'redis') {
    return undefined;
  }
  return config.getOptionalString('backend.cache.connection')?.trim()
    ? undefined
    : 'backend.cache.store is redis but backend.cache.connection is empty: set REDIS_URL (e.g. redis://redis:6379)';
}

/** Resolves to true when nothing listens on the port yet. */
export function isPortFree(port: number, host?: string): Promise<boolean> {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** Checks the listen port the same way the HTTP server will bind it. */
export async function checkListenPort(
  config: Config,
): Promise<string | undefined> {
  const listen = config.getOptional('backend.listen');
  let port = 7007;
  let host: string | undefined;
  if (typeof listen === 'string') {
    const [h, p] = listen.split(':');
    host = h || undefined;
    port = Number(p);
  } else if (listen) {
    port = config.getOptionalNumber('backend.listen.port') ?? port;
    host = config.getOptionalString('backend.listen.host');
  }
  if (!(await isPortFree(port, host))) {
    return `port ${port} is already in use: stop the process that holds it (e.g. \`lsof -i :${port}\`) or change backend.listen.port`;
  }
  return undefined;
}

/** Loads the same config the backend will load and checks it. */
export async function preflight(
  argv: string[],
  env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  let config: Config;
  try {
    config = await ConfigSources.toConfig(
      ConfigSources.default({
        argv,
        env: env as Record<string, string>,
        substitutionFunc: async name => env[name],
        watch: false,
      }),
    );
  } catch (error) {
    return `the configuration cannot be read: ${(error as Error).message}`;
  }
  return (
    checkDatabaseConfig(config) ??
    checkCacheConfig(config) ??
    checkSignInConfig(config, env.NODE_ENV) ??
    (await checkListenPort(config))
  );
}
