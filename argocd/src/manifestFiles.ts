import { execFileSync } from 'child_process';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { parseAllDocuments } from 'yaml';

/** The argocd/ folder: the manifests sit beside this package's src/. */
// The manifests are read from the source tree (tests, CLI use), never from a build.
// eslint-disable-next-line no-restricted-syntax
export const GITOPS_ROOT = join(__dirname, '..');

// systems/: registry entries (not Kubernetes objects); scripts/: the render
// script; crds/: Argo CD's own CRDs, vendored as schemas, not synced.
const SKIP = new Set([
  'crds',
  'node_modules',
  'src',
  'dist',
  'dist-types',
  'systems',
  'scripts',
]);

/** Every YAML file under `root`, relative paths, sorted; the JS package folders are skipped. */
export function findYamlFiles(root = GITOPS_ROOT): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!SKIP.has(name) && !name.startsWith('.')) walk(full);
      } else if (/\.ya?ml$/.test(name)) out.push(relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

/** All documents of a YAML file; a syntax error throws with the file name. */
export function readYamlDocuments(file: string): any[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs.map((d, i) => {
    if (d.errors.length > 0)
      throw new Error(`${file} document ${i + 1}: ${d.errors[0].message}`);
    return d.toJS();
  });
}

/** The objects `kubectl kustomize <dir>` renders (the real kustomize, not a model of it). */
export function kustomizeBuild(dir: string): any[] {
  const out = execFileSync('kubectl', ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parseAllDocuments(out).map(d => d.toJS());
}
