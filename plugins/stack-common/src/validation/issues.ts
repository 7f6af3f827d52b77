/** One thing wrong with a stack description. */
export interface StackIssue {
  /** Where, e.g. `spec.components[2].port`. */
  path: string;
  /** Which rule, e.g. `port`, `dns-1123-label`, `link-target`. */
  rule: string;
  /** `<path>: <what is wrong>`, e.g. `spec.components[2].port: 70000 is outside 1–65535`. */
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (typeof p === 'string' && /^[A-Za-z_$][\w$]*$/.test(p))
      out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(String(p))}]`;
  }
  return out || '(root)';
}

export function issue(
  path: readonly PropertyKey[],
  rule: string,
  text: string,
): StackIssue {
  const p = formatPath(path);
  return { path: p, rule, message: `${p}: ${text}` };
}
