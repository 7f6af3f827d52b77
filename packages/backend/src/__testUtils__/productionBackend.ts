import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from './processes';

const BACKEND = resolve(__dirname, '../..');
const ROOT = resolve(BACKEND, '../..');

export interface ProductionBackend {
  baseUrl: string;
  /** Everything the process wrote so far (stdout and stderr). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts the portal's backend as production runs it: NODE_ENV=production,
 * `--config app-config.yaml --config app-config.production.yaml`, its own
 * process, on a free port (backend.listen/baseUrl overridden through
 * APP_CONFIG_*). Runs `dist/index.cjs.js` when `backstage-cli package build`
 * produced it, else `src/index.ts` through Backstage's node transform (same
 * code, no bundling). `env` adds the deployment's variables (POSTGRES_*,
 * AUTH_*, …) and further APP_CONFIG_* overrides, so later layers (Redis, a
 * Docker build) add theirs here.
 */
export async function startProductionBackend(
  env: Record<string, string>,
  options: { timeoutMs?: number; port?: number } = {},
): Promise<ProductionBackend> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://localhost:${port}`;
  const built = resolve(BACKEND, 'dist/index.cjs.js');
  const entry = existsSync(built)
    ? [built]
    : [
        '--require',
        require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
        resolve(BACKEND, 'src/index.ts'),
      ];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...entry,
      '--config',
      resolve(ROOT, 'app-config.yaml'),
      '--config',
      resolve(ROOT, 'app-config.production.yaml'),
    ],
    {
      // app-config.production.yaml's catalog paths are relative to the repo root.
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        APP_CONFIG_backend_listen: `:${port}`,
        APP_CONFIG_backend_baseUrl: baseUrl,
        APP_CONFIG_app_baseUrl: baseUrl,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const append = (line: string) => {
    output += `${line}\n`;
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', append);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise(r => child.once('exit', r));
    child.kill('SIGTERM');
    const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killed);
  };
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `the production backend exited with ${child.exitCode}:\n${output.slice(
          -3000,
        )}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `the production backend was not ready in time:\n${output.slice(-3000)}`,
      );
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return { baseUrl, logs: () => output, stop };
}
