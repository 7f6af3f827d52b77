import fc from 'fast-check';
import { validateStack } from '../validation/validateStack';
import { stackSchema } from '../schema/stackSchema';
import { parseQuantity } from '../schema/quantity';
import { ENVIRONMENTS } from '../schema/names';
import { splitResourcesStackArb } from '../testUtils/resourceArbitraries';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { generateManifests } from './generateManifests';

/**
 * kubectl kustomize costs ~60 ms per overlay on an idle machine (seconds on a
 * loaded one): 24 stacks render 72 overlays. About 35% of the stacks are clean,
 * so both verdicts occur (all-invalid odds 0.65^24 ≈ 3e-5).
 */
const RUNS = 24;

/**
 * Every `resources` with cpu/memory requests and limits in a rendered object:
 * containers of Deployments/StatefulSets and the operator resources (CNPG
 * Cluster, RabbitmqCluster, KafkaNodePool) whose `spec.resources` the
 * operator copies onto its containers.
 */
function resourceBlocks(
  o: unknown,
  at: string,
  out: { at: string; r: any }[] = [],
) {
  if (Array.isArray(o))
    o.forEach((x, i) => resourceBlocks(x, `${at}[${i}]`, out));
  else if (typeof o === 'object' && o !== null) {
    for (const [k, v] of Object.entries(o)) {
      if (
        k === 'resources' &&
        typeof v === 'object' &&
        v !== null &&
        ('limits' in v || 'requests' in v)
      )
        out.push({ at: `${at}.${k}`, r: v });
      else resourceBlocks(v, `${at}.${k}`, out);
    }
  }
  return out;
}

/** Environments whose rendered overlay has a request above its limit, with where. */
async function renderedViolations(
  input: unknown,
): Promise<Map<string, string[]>> {
  const root = writeTree(generateManifests(stackSchema.parse(input)));
  try {
    const out = new Map<string, string[]>();
    for (const env of ENVIRONMENTS) {
      for (const o of await kustomize(root, env)) {
        for (const { at, r } of resourceBlocks(
          o.spec,
          `${o.kind}/${o.metadata.name}.spec`,
        )) {
          for (const key of ['cpu', 'memory']) {
            const req = r.requests?.[key];
            const lim = r.limits?.[key];
            if (
              req === undefined ||
              lim === undefined ||
              parseQuantity(req)! <= parseQuantity(lim)!
            )
              continue;
            out.set(env, [
              ...(out.get(env) ?? []),
              `${at}.${key}: ${req} > ${lim}`,
            ]);
          }
        }
      }
    }
    return out;
  } finally {
    removeTree(root);
  }
}

describe('effective resources', () => {
  it(`${RUNS} stacks with resources split across base and overlays: validation flags exactly the environments whose rendered output has a request above its limit`, async () => {
    let flagged = 0;
    let clean = 0;
    await fc.assert(
      fc.asyncProperty(splitResourcesStackArb, async input => {
        const r = validateStack(input);
        const issues = r.ok ? [] : r.issues;
        // Only the rule under test may fail: everything else about the stack is valid.
        expect(issues.filter(i => i.rule !== 'requests-within-limits')).toEqual(
          [],
        );
        const rendered = await renderedViolations(input);
        const named = new Set(
          ENVIRONMENTS.filter(env =>
            issues.some(i =>
              new RegExp(`: in [a-z, ]*\\b${env}\\b`).test(i.message),
            ),
          ),
        );
        expect([...named].sort()).toEqual([...rendered.keys()].sort());
        if (r.ok) clean++;
        else flagged++;
      }),
      // No shrinking: each step renders three overlays; the first counterexample is reported as is.
      { numRuns: RUNS, endOnFailure: true },
    );
    // Both verdicts occur, so the equality above is tested both ways.
    expect(flagged).toBeGreaterThan(0);
    expect(clean).toBeGreaterThan(0);
  }, 300_000);
});
