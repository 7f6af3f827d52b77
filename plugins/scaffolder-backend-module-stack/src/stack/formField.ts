/**
 * The form field a stack issue comes from, so an error names what the
 * developer typed rather than a path in a file they have not seen yet.
 */
export function formFieldOf(issuePath: string): string {
  const rules: [RegExp, string][] = [
    [/^metadata\.name\b/, 'name'],
    [/^metadata\.system\b/, 'system'],
    [/^metadata\.owner\b/, 'owner'],
    [/^metadata\.description\b/, 'description'],
    [/^spec\.environments\b/, 'environments'],
    [/^spec\.routing\.domain\b/, 'domain'],
    [/^spec\.components\[0\]\.port\b/, 'port'],
  ];
  return rules.find(([re]) => re.test(issuePath))?.[1] ?? 'stack.yaml';
}
