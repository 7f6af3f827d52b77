import type { GeneratedFile } from '@idp-stack/plugin-stack-common';
import { gitBlobSha } from '../github/gitBlobSha';

/** A repository tree as GitHub lists it: path → blob sha. */
export type TreeListing = Map<string, string>;

/** What a stack edit writes to and removes from a tree. */
export interface EditPlan {
  writes: GeneratedFile[];
  deletes: string[];
}

/**
 * The image pin of an environment: `deploy/overlays/<env>/images/**`. The
 * platform's image-pin contract says the generator writes it only when it is
 * absent and nothing that regenerates deploy/ ever rewrites or deletes it
 * (promotions own it).
 */
export function isImagePin(path: string): boolean {
  return /^deploy\/overlays\/[^/]+\/images\//.test(path);
}

/**
 * What turns `tree` into the edited repository, the way `stack generate`
 * does it: every generated file whose bytes differ is written, every deploy/
 * file the stack no longer generates is removed, image pins are left as they
 * are (written only where absent). `stackFile` is written only when given.
 */
export function planEdit(
  tree: TreeListing,
  generated: GeneratedFile[],
  stackFile?: GeneratedFile,
): EditPlan {
  const wanted = new Set(generated.map(f => f.path));
  const writes = [...(stackFile ? [stackFile] : []), ...generated].filter(
    f =>
      tree.get(f.path) !== gitBlobSha(f.content) &&
      !(isImagePin(f.path) && tree.has(f.path)),
  );
  const deletes = [...tree.keys()]
    .filter(p => p.startsWith('deploy/') && !wanted.has(p) && !isImagePin(p))
    .sort();
  return { writes, deletes };
}

/** Every path a plan touches. */
export function pathsOf(plan: EditPlan): string[] {
  return [...plan.writes.map(f => f.path), ...plan.deletes];
}

/** Paths whose blob differs between two trees (added, removed or changed). */
export function changedBetween(a: TreeListing, b: TreeListing): Set<string> {
  const out = new Set<string>();
  for (const [p, sha] of a) if (b.get(p) !== sha) out.add(p);
  for (const p of b.keys()) if (!a.has(p)) out.add(p);
  return out;
}
