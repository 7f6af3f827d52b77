// Test helper: valid stacks whose resources are split between the component
// and environment overrides, partial blocks included, so some end with a
// request above its effective limit.
// eslint-disable-next-line @backstage/no-undeclared-imports
import fc from 'fast-check';
import { ENVIRONMENTS } from '../schema/names';
import { validStackArb } from './arbitraries';

// Ascending, so a block that sets both sides can keep them in order.
const CPU = ['50m', '100m', '250m', '500m', '1', '2'];
const MEMORY = ['32Mi', '64Mi', '128Mi', '512Mi', '1Gi', '4Gi'];
const half = fc.record(
  { cpu: fc.constantFrom(...CPU), memory: fc.constantFrom(...MEMORY) },
  { requiredKeys: [] },
);
/** A block consistent in itself: a request above a limit comes only from layering. */
const block = fc
  .record({ requests: half, limits: half }, { requiredKeys: [] })
  .map(b => {
    for (const [key, order] of [
      ['cpu', CPU],
      ['memory', MEMORY],
    ] as const) {
      const [req, lim] = [b.requests?.[key], b.limits?.[key]];
      if (req && lim && order.indexOf(req) > order.indexOf(lim))
        [b.requests![key], b.limits![key]] = [lim, req];
    }
    return b;
  });

/** validStackArb with random partial `resources` on components and on each environment's overrides. */
export const splitResourcesStackArb = fc
  .tuple(
    validStackArb,
    fc.array(fc.option(block, { nil: undefined, freq: 2 }), {
      minLength: 8,
      maxLength: 8,
    }),
    fc.array(
      fc.array(fc.option(block, { nil: undefined, freq: 8 }), {
        minLength: 8,
        maxLength: 8,
      }),
      { minLength: 3, maxLength: 3 },
    ),
  )
  .map(([stack, own, perEnv]) => {
    const s = structuredClone(stack) as any;
    s.spec.components.forEach((c: any, i: number) => {
      if (own[i]) c.resources = own[i];
      else delete c.resources;
      ENVIRONMENTS.forEach((env, e) => {
        const o = perEnv[e][i];
        if (!o) return;
        const settings = (s.spec.environments[env] ??= {});
        (settings.components ??= {})[c.name] = { resources: o };
      });
    });
    return s;
  });
