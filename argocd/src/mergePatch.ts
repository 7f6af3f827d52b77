/**
 * Strategic merge of a rendered templatePatch onto an Application, for the
 * fields Argo CD's Application type has without merge keys: maps merge
 * recursively, lists and scalars are replaced, `null` deletes. Patch
 * directives (`$patch`, `$retainKeys`, …) are refused.
 */
export function strategicMerge(
  target: unknown,
  patch: unknown,
  path = '',
): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isMap(patch) || !isMap(target)) return structuredClone(patch);
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$'))
      throw new Error(`patch directive ${path}${key} is not supported`);
    if (value === null) delete out[key];
    else out[key] = strategicMerge(out[key], value, `${path}${key}.`);
  }
  return out;
}
