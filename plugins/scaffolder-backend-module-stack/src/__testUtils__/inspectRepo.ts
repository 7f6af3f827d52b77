import { parseStackYaml } from '@idp-stack/plugin-stack-common';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { validateEntity } from '../catalog/validateEntity';

export const run = promisify(execFile);

/** Writes the files of a (fake) repository into a temporary checkout. */
export async function checkout(files: Map<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'idp-checkout-'));
  for (const [rel, content] of files) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), content);
  }
  return dir;
}

/**
 * What every golden-path repository must hold: a valid stack.yaml, a
 * catalog-info.yaml the catalog accepts, and overlays that kustomize builds.
 */
export async function inspectRepo(files: Map<string, string>, repo: string) {
  const stackText = files.get('stack.yaml');
  if (!stackText) throw new Error('stack.yaml was not pushed');
  const parsed = parseStackYaml(stackText);
  if (!parsed.ok) throw new Error(parsed.issues.map(i => i.message).join('; '));
  const catalogText = files.get('catalog-info.yaml');
  if (!catalogText) throw new Error('catalog-info.yaml was not pushed');
  const entities = parseAllDocuments(catalogText).map(d => d.toJS());
  for (const e of entities) await validateEntity(e);
  const dir = await checkout(files);
  const overlays: Record<string, string> = {};
  for (const env of ['dev', 'stage', 'prod']) {
    const { stdout } = await run(
      'kubectl',
      ['kustomize', `deploy/overlays/${env}`],
      {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    overlays[env] = stdout;
  }
  expect(parsed.stack.metadata.name).toBe(repo);
  return { stack: parsed.stack, entities, overlays, dir };
}
