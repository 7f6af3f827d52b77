import {
  mkdirSync,
  readFileSync,
  writeFileSync,
  existsSync,
  readdirSync,
  rmSync,
} from 'fs';
import { dirname, join } from 'path';
import { GITOPS_ROOT } from '../manifestFiles';
import { readSystemRegistry } from './registry';
import { renderCodeOwners, renderTenancy } from './renderTenancy';

export const SYSTEMS_DIR = join(GITOPS_ROOT, 'systems');
export const CODEOWNERS_FILE = join(GITOPS_ROOT, '..', '.github', 'CODEOWNERS');
/** The team that owns the platform; it approves every registry change. */
export const PLATFORM_TEAM = '@acme/platform-team';

/** Every file the registry implies, keyed by absolute path. */
export function expectedTenancyFiles(dir = SYSTEMS_DIR): Map<string, string> {
  const systems = readSystemRegistry(dir);
  const out = new Map<string, string>();
  for (const [path, content] of renderTenancy(systems))
    out.set(join(GITOPS_ROOT, path), content);
  out.set(CODEOWNERS_FILE, renderCodeOwners(systems, PLATFORM_TEAM));
  return out;
}

const generatedDirs = ['tenancy/argocd', 'tenancy/cluster'].map(d =>
  join(GITOPS_ROOT, d),
);

/** Files on disk that differ from what the registry implies (stale, missing or left over). */
export function staleTenancyFiles(): string[] {
  const expected = expectedTenancyFiles();
  const stale = [...expected]
    .filter(
      ([path, content]) =>
        !existsSync(path) || readFileSync(path, 'utf8') !== content,
    )
    .map(([path]) => path);
  for (const dir of generatedDirs) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir))
      if (!expected.has(join(dir, f))) stale.push(join(dir, f));
  }
  return stale.sort();
}

/** Writes the rendered files and removes generated files no system needs any more. */
export function writeTenancyFiles(): string[] {
  const expected = expectedTenancyFiles();
  const stale = staleTenancyFiles();
  for (const path of stale) {
    const content = expected.get(path);
    if (content === undefined) rmSync(path);
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
  }
  return stale;
}
