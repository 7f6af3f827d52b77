/**
 * Zod messages carry the rule name as a `[rule] ` prefix so that
 * validateStack can report `{ path, rule, message }` for every issue.
 */
export function rule(name: string, text: string | ((input: unknown) => string)) {
  return {
    error: (iss: { input?: unknown }) =>
      `[${name}] ${typeof text === 'string' ? text : text(iss.input)}`,
  };
}

export function show(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}
