import {
  MAX_COMPONENTS,
  MAX_DESCRIPTION_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_ENV_VALUE_LENGTH,
  MAX_LINKS,
  MAX_STRING_LENGTH,
  MAX_SUB_COMPONENTS,
} from '../conventions';
import { issue, StackIssue } from './issues';

/** The length cap of a string field, by its key (conventions.ts). */
const STRING_LIMITS: Record<string, { max: number; name: string }> = {
  description: { max: MAX_DESCRIPTION_LENGTH, name: 'MAX_DESCRIPTION_LENGTH' },
  email: { max: MAX_EMAIL_LENGTH, name: 'MAX_EMAIL_LENGTH' },
  value: { max: MAX_ENV_VALUE_LENGTH, name: 'MAX_ENV_VALUE_LENGTH' },
};
const DEFAULT_STRING = { max: MAX_STRING_LENGTH, name: 'MAX_STRING_LENGTH' };

function listLimit(path: readonly PropertyKey[]): {
  max: number;
  name: string;
  what: string;
} {
  const at = path.join('.');
  if (at === 'spec.components')
    return { max: MAX_COMPONENTS, name: 'MAX_COMPONENTS', what: 'components' };
  if (at === 'spec.links')
    return { max: MAX_LINKS, name: 'MAX_LINKS', what: 'links' };
  return {
    max: MAX_SUB_COMPONENTS,
    name: 'MAX_SUB_COMPONENTS',
    what: 'entries',
  };
}

/**
 * Issues for input too large to be worth checking further: a string longer
 * than its field's cap, a list or map over its count cap. Checked before the
 * schema and the cross-field rules so that no rule ever runs on unbounded
 * input. Walks with an explicit stack (no recursion) and stops at the first
 * 100 issues.
 */
export function boundsIssues(input: unknown): StackIssue[] {
  const out: StackIssue[] = [];
  const todo: Array<{ value: unknown; path: PropertyKey[] }> = [
    { value: input, path: [] },
  ];
  while (todo.length > 0 && out.length < 100) {
    const { value, path } = todo.pop()!;
    if (typeof value === 'string') {
      const last = path[path.length - 1];
      const limit =
        (typeof last === 'string' && STRING_LIMITS[last]) || DEFAULT_STRING;
      if (value.length > limit.max) {
        out.push(
          issue(
            path,
            'max-length',
            `is ${value.length} characters; the limit is ${limit.max} (${limit.name})`,
          ),
        );
      }
    } else if (Array.isArray(value)) {
      const limit = listLimit(path);
      if (value.length > limit.max) {
        out.push(
          issue(
            path,
            'max-items',
            `has ${value.length} ${limit.what}; the limit is ${limit.max} (${limit.name})`,
          ),
        );
        continue; // its items are not read
      }
      for (let i = value.length - 1; i >= 0; i--)
        todo.push({ value: value[i], path: [...path, i] });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      // Maps keyed by name (environment overrides) hold at most one entry per component.
      if (keys.length > MAX_COMPONENTS) {
        out.push(
          issue(
            path,
            'max-items',
            `has ${keys.length} keys; the limit is ${MAX_COMPONENTS} (MAX_COMPONENTS)`,
          ),
        );
        continue;
      }
      for (const k of keys.reverse()) {
        if (k.length > MAX_STRING_LENGTH) {
          out.push(
            issue(
              path,
              'max-length',
              `has a key of ${k.length} characters; the limit is ${MAX_STRING_LENGTH} (MAX_STRING_LENGTH)`,
            ),
          );
        } else
          todo.push({
            value: (value as Record<string, unknown>)[k],
            path: [...path, k],
          });
      }
    }
  }
  return out;
}
