import { z } from 'zod';
import { Stack, stackSchema } from '../schema/stackSchema';
import { formatPath, issue, StackIssue } from './issues';
import { semanticIssues } from './semantic';
import { boundsIssues } from './bounds';
import { effectiveResourceIssues } from './effectiveResources';
import { ruleOf } from '../schema/rule';

export type StackValidationResult =
  | { ok: true; stack: Stack }
  | { ok: false; issues: StackIssue[] };

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: any = input;
  for (const p of path)
    v = v === null || v === undefined ? undefined : v[p as any];
  return v;
}

/** A zod issue as stack issues: the schema's rule travels on the issue (`params.rule`, see schema/rule.ts). */
function fromZod(input: unknown, zi: z.core.$ZodIssue): StackIssue[] {
  if (zi.code === 'unrecognized_keys') {
    return zi.keys.map(k =>
      issue([...zi.path, k], 'unknown-field', 'is not a known field'),
    );
  }
  if (zi.code === 'invalid_type' && valueAt(input, zi.path) === undefined) {
    return [issue(zi.path, 'required', 'is required')];
  }
  const rule =
    ruleOf(zi) ??
    (zi.code === 'invalid_type' ? 'type' : zi.code.replace(/_/g, '-'));
  return [issue(zi.path, rule, zi.message)];
}

/**
 * Checks a stack description against the schema and the cross-field rules,
 * reporting every issue at once. Never throws.
 */
export function validateStack(input: unknown): StackValidationResult {
  // Oversized input is refused before any rule reads it (validation/bounds.ts).
  const tooLarge = boundsIssues(input);
  if (tooLarge.length > 0) return { ok: false, issues: tooLarge };
  const parsed = stackSchema.safeParse(input);
  const issues: StackIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap(i => fromZod(input, i));
  issues.push(...semanticIssues(input), ...effectiveResourceIssues(input));
  // The same problem can be seen by the schema and a cross-field rule.
  const unique = new Map(issues.map(i => [`${i.path}\u0000${i.message}`, i]));
  if (parsed.success && unique.size === 0)
    return { ok: true, stack: parsed.data };
  return { ok: false, issues: [...unique.values()] };
}

export { formatPath };
