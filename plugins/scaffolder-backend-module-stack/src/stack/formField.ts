import type { StackIssue } from '@idp-stack/plugin-stack-common';
import type { DesignStart } from './applyDesign';

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

/**
 * One line of an error for an issue: `<form field>: <message> [<rule>]`.
 * Issues at entries the `design` field added name that field, with the path
 * rewritten to the design's own (`components[0].name`), as the designer
 * shows it.
 */
export function issueLine(issue: StackIssue, design?: DesignStart): string {
  const m = /^spec\.(components|links)\[(\d+)\]/.exec(issue.path);
  if (design && m) {
    const kind = m[1] as 'components' | 'links';
    const index = Number(m[2]) - design[kind];
    if (index >= 0) {
      const local = `${kind}[${index}]${issue.path.slice(m[0].length)}`;
      const text = issue.message.startsWith(`${issue.path}: `)
        ? issue.message.slice(issue.path.length + 2)
        : issue.message;
      return `design: ${local}: ${text} [${issue.rule}]`;
    }
  }
  return `${formFieldOf(issue.path)}: ${issue.message} [${issue.rule}]`;
}
