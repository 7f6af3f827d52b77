import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GithubPacing } from '../github/pacing';

/** Integrations config as app-config.yaml has it, with a test token. */
export const testIntegrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com', token: 'ghp_test_token' }],
    },
  }),
);

/** Retries stay bounded and real, only the delays shrink. */
export const fastPacing: GithubPacing = {
  writeIntervalMs: 0,
  retryBaseDelayMs: 1,
  retries: 3,
};

/** A temporary workspace holding the given files. */
export async function makeWorkspace(
  files: Record<string, string | Buffer>,
  executable: string[] = [],
): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'idp-ws-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
    if (executable.includes(rel)) await fs.chmod(full, 0o755);
  }
  return dir;
}
