// Test helper: runs one link rule of a fixture-like stack.
import { validateStack } from '../validation/validateStack';
import { apiVersionsFor } from '../model/versions';
import { resolveEnvironments } from '../model/resolve';
import { resolveLinkEnd } from '../model/links';
import type { Stack } from '../schema/stackSchema';
import type {
  Additions,
  GenerationContext,
  LinkRule,
} from '../generator/types';

export function stackOf(spec: Record<string, unknown>): Stack {
  const r = validateStack({
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: { name: 'shop', system: 'commerce', owner: 'group:commerce' },
    spec,
  });
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
  return r.stack;
}

export function runRule(rule: LinkRule, stack: Stack, index = 0): Additions {
  const l = stack.spec.links![index];
  const from = resolveLinkEnd(stack.spec.components, l.from);
  const to = resolveLinkEnd(stack.spec.components, l.to);
  if (typeof from === 'string' || typeof to === 'string')
    throw new Error('bad link');
  const ctx: GenerationContext = {
    stack,
    api: apiVersionsFor(stack.spec.kubernetesVersion),
    environments: resolveEnvironments(stack),
    component: n => stack.spec.components.find(c => c.name === n)!,
  };
  return rule(
    stack,
    {
      from: from.component,
      to: to.component,
      sub: to.sub,
      access: l.access ?? 'read-write',
      pathPrefix: l.pathPrefix,
    },
    ctx,
  );
}

export const objectsOf = (a: Additions, kind: string) =>
  (a.objects ?? [])
    .filter(o => o.object.kind === kind)
    .map(o => o.object as any);
