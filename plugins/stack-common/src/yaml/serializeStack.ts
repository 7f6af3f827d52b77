import { stringify } from 'yaml';
import { Stack, stackSchema } from '../schema/stackSchema';
import { compareStrings } from '../generator/serialize';

function sortRecord<T>(
  r: Record<string, T> | undefined,
): Record<string, T> | undefined {
  return (
    r &&
    Object.fromEntries(
      Object.entries(r).sort(([a], [b]) => compareStrings(a, b)),
    )
  );
}

/**
 * Writes a stack as stack.yaml. Keys follow the schema's order (the parse
 * rebuilds the object from the schema), so equal stacks give equal bytes.
 */
export function serializeStack(stack: Stack): string {
  const canonical = stackSchema.parse(stack);
  const envs = canonical.spec.environments;
  if (envs) {
    for (const env of Object.values(envs)) {
      if (env?.components) env.components = sortRecord(env.components);
    }
  }
  return stringify(canonical, { lineWidth: 0, sortMapEntries: false });
}
