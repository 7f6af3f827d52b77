/**
 * The Sprig / Argo CD template functions our ApplicationSets use, with Go's
 * semantics (argument order, types). Any other function is an error in
 * goTemplate.ts, so a manifest cannot silently depend on an unchecked one.
 */
export type TemplateFunction = (...args: unknown[]) => unknown;

function strings(name: string, args: unknown[], arity: number): string[] {
  if (args.length !== arity) {
    throw new Error(
      `wrong number of args for ${name}: want ${arity} got ${args.length}`,
    );
  }
  return args.map((a, i) => {
    if (typeof a !== 'string') {
      throw new Error(
        `wrong type for value of ${name} argument ${
          i + 1
        }; expected string; got ${typeof a}`,
      );
    }
    return a;
  });
}

/** Go's RE2 and JavaScript agree on the plain syntax we use; refuse the rest. */
export function compileGoRegExp(source: string): RegExp {
  if (/\(\?[=!<]|\(\?[a-zA-Z]|\\[1-9]|\\[pP]\{/.test(source)) {
    throw new Error(
      `regular expression "${source}" uses syntax that differs between RE2 and JavaScript`,
    );
  }
  return new RegExp(source);
}

/** Argo CD's `normalize` (applicationset/utils SanitizeName). */
export function normalize(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^-a-z0-9.]/g, '-')
    .slice(0, 253);
  return cleaned.replace(/^[-.]+|[-.]+$/g, '');
}

function sameKind(name: string, a: unknown, b: unknown): void {
  if (typeof a !== typeof b || a === null || typeof a === 'object') {
    throw new Error(`error calling ${name}: incompatible types for comparison`);
  }
}

export const templateFunctions: Record<string, TemplateFunction> = {
  normalize: (...args) => normalize(strings('normalize', args, 1)[0]),
  // Sprig: regexFind REGEX STRING → first match or "".
  regexFind: (...args) => {
    const [re, s] = strings('regexFind', args, 2);
    return compileGoRegExp(re).exec(s)?.[0] ?? '';
  },
  // Sprig: trimPrefix PREFIX STRING.
  trimPrefix: (...args) => {
    const [prefix, s] = strings('trimPrefix', args, 2);
    return s.startsWith(prefix) ? s.slice(prefix.length) : s;
  },
  eq: (...args) => {
    if (args.length !== 2)
      throw new Error(`eq: this renderer supports exactly 2 arguments`);
    sameKind('eq', args[0], args[1]);
    return args[0] === args[1];
  },
  ne: (...args) => {
    if (args.length !== 2)
      throw new Error(`wrong number of args for ne: want 2 got ${args.length}`);
    sameKind('ne', args[0], args[1]);
    return args[0] !== args[1];
  },
};
