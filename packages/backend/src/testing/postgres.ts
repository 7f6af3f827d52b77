import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree } from '../preflight';

/** Where Debian puts the PostgreSQL 15 server binaries; override with PG_BIN. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  connection: { host: string; port: number; user: string; password: string };
  /** Runs SQL through psql against a database (as `user`, default the superuser) and returns its rows as text. */
  query(database: string, sql: string, user?: string): string;
  stop(): void;
}

async function freePort(): Promise<number> {
  for (let port = 55432; port < 55532; port++) {
    if (await isPortFree(port, '127.0.0.1')) return port;
  }
  throw new Error('no free port for PostgreSQL between 55432 and 55531');
}

/**
 * Starts a throwaway PostgreSQL server in a temporary directory with initdb
 * and pg_ctl. PostgreSQL refuses to run as root, so as root the server runs
 * as the `postgres` system user that the Debian package creates.
 */
export async function startPostgres(): Promise<TestPostgres> {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    throw new Error(
      `PostgreSQL server binaries not found in ${PG_BIN}: scripts/test.sh installs them (apt-get install postgresql-15), or set PG_BIN`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'idp-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (bin: string, args: string[]) => {
    const cmd = join(PG_BIN, bin);
    return asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : execFileSync(cmd, args, {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  const user = 'idp';
  const password = 'test-only-password';
  run('initdb', ['-D', data, '-U', user, '--auth=trust', '-E', 'UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    '-w',
    'start',
  ]);
  return {
    connection: { host: '127.0.0.1', port, user, password },
    query: (database, sql, as = user) =>
      run('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        as,
        '-d',
        database,
        '-At',
        '-c',
        sql,
      ]).trim(),
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
