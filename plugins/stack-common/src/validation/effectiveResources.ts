import { kindOf } from '../componentTypes/registry';
import { DEFAULT_RESOURCES } from '../model/resolve';
import { Environment, ENVIRONMENTS } from '../schema/names';
import { parseQuantity } from '../schema/quantity';
import { formatPath, issue, StackIssue } from './issues';

type Obj = Record<string, any>;
const isObj = (x: unknown): x is Obj =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const SIDES = ['requests', 'limits'] as const;
const KEYS = ['cpu', 'memory'] as const;

/** A request or limit and where it comes from: a path in stack.yaml, or the type's default. */
interface Sourced {
  value: string;
  amount: number;
  path?: readonly PropertyKey[];
  source: string;
}

/** `resources` blocks layer; a value that is not a quantity is the schema's to report, so it hides nothing. */
function layer(
  over: Sourced | undefined,
  block: unknown,
  at: readonly PropertyKey[],
): Sourced | undefined {
  if (typeof block !== 'string') return over;
  const amount = parseQuantity(block);
  return amount === undefined
    ? over
    : { value: block, amount, path: at, source: formatPath(at) };
}

/**
 * Requests above limits on the resources each container really runs with in
 * each environment: the type's defaults, under the component's `resources`,
 * under the environment's override (which, like the generator, applies to
 * workloads only). The API server rejects a container whose request exceeds
 * its limit (Pod validation, "must be less than or equal to <resource> limit"),
 * so a split between base and overlay must be caught here, not at sync time.
 * An issue names the environments and sits on the value to lower (the request
 * when stack.yaml sets it, else the limit).
 */
export function effectiveResourceIssues(input: unknown): StackIssue[] {
  if (
    !isObj(input) ||
    !isObj(input.spec) ||
    !Array.isArray(input.spec.components)
  )
    return [];
  const environments = isObj(input.spec.environments)
    ? input.spec.environments
    : {};
  const found = new Map<
    string,
    { at: readonly PropertyKey[]; text: string; envs: Environment[] }
  >();
  input.spec.components.forEach((c: unknown, i: number) => {
    if (!isObj(c) || typeof c.type !== 'string') return;
    const kind = kindOf(c.type);
    if (!kind) return;
    const defaults = kind.defaults.resources ?? DEFAULT_RESOURCES;
    for (const env of ENVIRONMENTS) {
      const override =
        kind.role !== 'data' && typeof c.name === 'string'
          ? environments[env]?.components?.[c.name]?.resources
          : undefined;
      for (const key of KEYS) {
        const [request, limit] = SIDES.map(side => {
          const fallback: Sourced = {
            value: defaults[side][key],
            amount: parseQuantity(defaults[side][key])!,
            source: `the ${c.type} default`,
          };
          const base = layer(
            fallback,
            isObj(c.resources) && isObj(c.resources[side])
              ? c.resources[side][key]
              : undefined,
            ['spec', 'components', i, 'resources', side, key],
          );
          return layer(
            base,
            isObj(override) && isObj(override[side])
              ? override[side][key]
              : undefined,
            [
              'spec',
              'environments',
              env,
              'components',
              c.name,
              'resources',
              side,
              key,
            ],
          );
        });
        if (!request || !limit || request.amount <= limit.amount) continue;
        const at = request.path ??
          limit.path ?? ['spec', 'components', i, 'resources'];
        const text = request.path
          ? `${key} request ${request.value} is above its limit ${limit.value} (${limit.source})`
          : `${key} limit ${limit.value} is below its request ${request.value} (${request.source})`;
        const id = `${formatPath(at)}\u0000${text}`;
        const seen = found.get(id) ?? { at, text, envs: [] };
        seen.envs.push(env);
        found.set(id, seen);
      }
    }
  });
  return [...found.values()].map(f =>
    issue(f.at, 'requests-within-limits', `in ${f.envs.join(', ')}: ${f.text}`),
  );
}
