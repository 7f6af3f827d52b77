// Test helper (Node only): writes generated files to a temp dir and renders
// overlays with the real `kubectl kustomize`.
import { execFile } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../generator/types';

const run = promisify(execFile);

export function writeTree(
  files: GeneratedFile[],
  root = mkdtempSync(join(tmpdir(), 'stack-')),
): string {
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  return root;
}

export function removeTree(root: string) {
  rmSync(root, { recursive: true, force: true });
}

/** `kubectl kustomize deploy/overlays/<env>` → the rendered objects. */
export async function kustomize(root: string, env: string): Promise<any[]> {
  const { stdout } = await run(
    'kubectl',
    ['kustomize', join(root, 'deploy/overlays', env)],
    {
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  return parseAllDocuments(stdout).map(d => d.toJS());
}
