/** The rule a zod issue of the stack schema breaks, carried as data on the issue. */
export interface RuleParams {
  rule: string;
}

/**
 * Error option for a zod schema or check: the message, and the rule name as
 * data (`issue.params.rule`) that validateStack reports as `{ path, rule, message }`.
 *
 * Zod calls the error map with the raw issue before it copies the issue's own
 * fields into the final one (zod v4 `core/util.js` `finalizeIssue`), so a rule
 * set on `params` here arrives on the issue that `safeParse` returns, for
 * built-in checks as well as refinements. `rule.test.ts` holds zod to that.
 */
export function rule(
  name: string,
  text: string | ((input: unknown) => string),
) {
  return {
    error: (iss: { input?: unknown; params?: Record<string, unknown> }) => {
      iss.params = { ...iss.params, rule: name };
      return typeof text === 'string' ? text : text(iss.input);
    },
  };
}

/** The rule a zod issue carries, if a `rule()` option (or `params`) set one. */
export function ruleOf(issue: object): string | undefined {
  const r = (
    (issue as { params?: unknown }).params as Partial<RuleParams> | undefined
  )?.rule;
  return typeof r === 'string' ? r : undefined;
}

export function show(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}
