import { parseAllDocuments } from 'yaml';
import type { GeneratedFile } from '../generator/types';
import { compareStrings } from '../generator/serialize';

/** What a stack change does to one environment, objects as `Kind/name`. */
export interface EnvironmentChange {
  environment: string;
  added: string[];
  removed: string[];
  changed: string[];
}

const BASE = /^deploy\/base\/(?:.+\/)?(?!kustomization\.yaml$)[^/]+\.yaml$/;
const OVERLAY = /^deploy\/overlays\/([^/]+)\/((?:patches\/)?)[^/]+\.yaml$/;

type Objects = Map<string, string[]>;

function add(into: Objects, content: string, patch: boolean) {
  for (const doc of parseAllDocuments(content)) {
    const o = doc.toJS() as
      | { kind?: unknown; metadata?: { name?: unknown } }
      | undefined;
    if (typeof o?.kind !== 'string' || typeof o.metadata?.name !== 'string')
      continue;
    const key = `${o.kind}/${o.metadata.name}`;
    // A patch only changes an object; it never makes one exist.
    const list = into.get(key) ?? (patch ? undefined : []);
    if (!list) continue;
    list.push(JSON.stringify(o));
    into.set(key, list);
  }
}

/**
 * The objects each environment renders from a generated deploy/ tree: the
 * base objects, the overlay's own objects, and per object what its overlay
 * patches change. Overlay kustomization.yaml files (namespace, labels, file
 * lists) and the image-pin component (`images/`) are not objects and are
 * left out.
 */
function objectsPerEnvironment(files: GeneratedFile[]): Map<string, Objects> {
  const base = files.filter(f => BASE.test(f.path));
  const overlays = new Map<string, GeneratedFile[]>();
  for (const f of files) {
    const m = /^deploy\/overlays\/([^/]+)\//.exec(f.path);
    if (m) overlays.set(m[1], [...(overlays.get(m[1]) ?? []), f]);
  }
  const out = new Map<string, Objects>();
  for (const [env, own] of overlays) {
    const objects: Objects = new Map();
    for (const f of base) add(objects, f.content, false);
    const parts = own
      .map(f => ({ f, m: OVERLAY.exec(f.path) }))
      .filter(x => x.m && !x.f.path.endsWith('/kustomization.yaml'));
    for (const { f, m } of parts) if (!m![2]) add(objects, f.content, false);
    for (const { f, m } of parts) if (m![2]) add(objects, f.content, true);
    out.set(env, objects);
  }
  return out;
}

/**
 * Objects added, removed and changed per environment between two generated
 * deploy/ trees (the old and the new stack's `generateManifests`), so a
 * reviewer sees what a stack edit does where without rendering kustomize.
 * An object is changed when its manifest or one of its environment's patches
 * differs. Environments sorted, objects sorted within each list.
 */
export function summarizeChange(
  before: GeneratedFile[],
  after: GeneratedFile[],
): EnvironmentChange[] {
  const old = objectsPerEnvironment(before);
  const next = objectsPerEnvironment(after);
  const envs = [...new Set([...old.keys(), ...next.keys()])].sort(
    compareStrings,
  );
  return envs.map(environment => {
    const a = old.get(environment) ?? new Map();
    const b = next.get(environment) ?? new Map();
    const sorted = (l: string[]) => l.sort(compareStrings);
    return {
      environment,
      added: sorted([...b.keys()].filter(k => !a.has(k))),
      removed: sorted([...a.keys()].filter(k => !b.has(k))),
      changed: sorted(
        [...b.keys()].filter(
          k => a.has(k) && a.get(k)!.join('\n') !== b.get(k)!.join('\n'),
        ),
      ),
    };
  });
}

/** The summary as Markdown: one section per environment that changes. */
export function changeSummaryMarkdown(changes: EnvironmentChange[]): string {
  const lines: string[] = [];
  for (const c of changes) {
    if (!c.added.length && !c.removed.length && !c.changed.length) {
      lines.push(`### ${c.environment}`, '', 'No object changes.', '');
      continue;
    }
    lines.push(`### ${c.environment}`, '');
    for (const [label, list] of [
      ['Added', c.added],
      ['Removed', c.removed],
      ['Changed', c.changed],
    ] as const) {
      if (list.length)
        lines.push(
          `- ${label} (${list.length}): ${list
            .map(o => `\`${o}\``)
            .join(', ')}`,
        );
    }
    lines.push('');
  }
  return lines.join('\n').trimEnd();
}
