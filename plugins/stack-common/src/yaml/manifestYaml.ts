import { stringify } from 'yaml';

/**
 * The `yaml` options every manifest is written with. `lineWidth: 0`: no line
 * folding, so output is stable. `aliasDuplicateObjects: false`: shared objects
 * (labels) are written out, never as anchors. `directives: false`: manifests
 * never carry `%YAML`/`%TAG`. `version: '1.1'`: strings YAML 1.1 reads as
 * booleans or numbers (`y`, `on`, `off`, `1_000`, dates) are quoted, because
 * kustomize reads a label value `y` as a boolean and refuses the overlay
 * (found by the kustomize property test: a system named `y`).
 */
export const MANIFEST_YAML = {
  lineWidth: 0,
  aliasDuplicateObjects: false,
  directives: false,
  version: '1.1',
} as const;

type Scalar = string | number | boolean | null;

/** Thrown inside the fast path when a value needs the library's full treatment. */
const NEEDS_LIBRARY = Symbol('needs the yaml library');

/**
 * Memo of the library's own output for single-line scalars and keys. A value is
 * written the same way at every depth (only multi-line text and document-marker
 * keys depend on the indent, and those go to the library whole), so one probe
 * per distinct value is enough. Capped by the bytes it holds, not by entries:
 * 50,000 entries of long strings retained 212 MB after 11 MB of input. A value
 * longer than MEMO_ENTRY_CHARS is not remembered at all (it is rarely repeated
 * and would crowd out the short keys and labels the memo is for).
 */
export const MEMO_BUDGET_BYTES = 4 * 1024 * 1024;
const MEMO_ENTRY_CHARS = 1024;
const values = new Map<Scalar, string>();
const keys = new Map<string, string>();
let memoBytes = 0;

/** Empties the memo: for benchmarks that time a cold start (a CLI run, a fresh backend). */
export function forgetManifestYamlMemo(): void {
  values.clear();
  keys.clear();
  memoBytes = 0;
}

/** Bytes the memo holds now (UTF-16: two per code unit, key and text), for tests and benchmarks. */
export function manifestYamlMemoBytes(): number {
  return memoBytes;
}

function remember<K>(cache: Map<K, string>, k: K, text: string): string {
  // UTF-16 text and key, plus a rough 64 bytes of Map entry overhead.
  const cost = 2 * (text.length + (typeof k === 'string' ? k.length : 4)) + 64;
  if (text.length > MEMO_ENTRY_CHARS) return text;
  if (memoBytes + cost > MEMO_BUDGET_BYTES) forgetManifestYamlMemo();
  cache.set(k, text);
  memoBytes += cost;
  return text;
}

function scalar(v: unknown): string {
  const t = typeof v;
  if (v !== null && t !== 'string' && t !== 'number' && t !== 'boolean')
    throw NEEDS_LIBRARY;
  // Map keys treat -0 and 0 alike; the library writes them differently.
  if (Object.is(v, -0)) throw NEEDS_LIBRARY;
  const known = values.get(v as Scalar);
  if (known !== undefined) return known;
  const probe = stringify({ v }, MANIFEST_YAML); // "v: <text>\n"
  const text = probe.slice(3, -1);
  if (!probe.startsWith('v: ') || text.includes('\n')) throw NEEDS_LIBRARY; // block scalar
  return remember(values, v as Scalar, text);
}

// Keys like these are quoted at the top level only (yaml's containsDocumentMarker).
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

function key(k: string): string {
  const known = keys.get(k);
  if (known !== undefined) return known;
  if (DOCUMENT_MARKER.test(k)) throw NEEDS_LIBRARY;
  const probe = stringify({ [k]: 0 }, MANIFEST_YAML); // "<text>: 0\n"
  const text = probe.slice(0, -4);
  if (!probe.endsWith(': 0\n') || text.includes('\n') || text.startsWith('? '))
    throw NEEDS_LIBRARY;
  return remember(keys, k, text);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A block mapping's lines at `indent`, each ending in a newline; '' when empty. */
function mapLines(obj: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (v === undefined) continue; // the library drops these pairs too
    out += `${indent}${key(k)}:`;
    if (Array.isArray(v)) {
      out += v.length === 0 ? ' []\n' : `\n${seqLines(v, `${indent}  `)}`;
    } else if (isPlainObject(v)) {
      const body = mapLines(v, `${indent}  `);
      out += body === '' ? ' {}\n' : `\n${body}`;
    } else {
      out += ` ${scalar(v)}\n`;
    }
  }
  return out;
}

/** A block sequence's lines at `indent`; a nested collection starts on the `- ` line. */
function seqLines(items: readonly unknown[], indent: string): string {
  const inner = `${indent}  `;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (Array.isArray(item)) {
      out +=
        item.length === 0
          ? `${indent}- []\n`
          : `${indent}- ${seqLines(item, inner).slice(inner.length)}`;
    } else if (isPlainObject(item)) {
      const body = mapLines(item, inner);
      out +=
        body === ''
          ? `${indent}- {}\n`
          : `${indent}- ${body.slice(inner.length)}`;
    } else {
      if (item === undefined) throw NEEDS_LIBRARY; // holes and undefined items
      out += `${indent}- ${scalar(item)}\n`;
    }
  }
  return out;
}

/**
 * Exactly `stringify(value, MANIFEST_YAML)` from the `yaml` library, faster.
 *
 * Generation spent ≈ 90 % of its time inside `stringify` building and walking a
 * node tree per document (README § Benchmark). Manifests are block mappings of
 * short scalars, so this lays out the block structure itself and asks the
 * library for the text of each distinct key and scalar once. Anything else
 * (multi-line text, document-marker keys, non-plain objects, -0, undefined in a
 * list) is handed to the library whole. Tests hold it byte-identical to
 * `stringify` over every fixture and thousands of random documents.
 */
export function manifestYaml(value: unknown): string {
  if (isPlainObject(value)) {
    try {
      const body = mapLines(value, '');
      return body === '' ? '{}\n' : body;
    } catch (e) {
      if (e !== NEEDS_LIBRARY) throw e;
    }
  }
  return stringify(value, MANIFEST_YAML);
}
