import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { validateStack } from '../validation/validateStack';
import { apiVersionsFor } from '../model/versions';
import { ENVIRONMENTS } from '../schema/names';
import { MUTATIONS, validStackArb } from '../testUtils/arbitraries';
import { schemaProblems } from '../testUtils/kubeSchemas';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { generateManifests } from './generateManifests';

const RUNS = 1000;
/** kubectl kustomize costs ~60 ms per overlay; render every 50th stack (20 stacks, 60 overlays). */
const RENDER_EVERY = 50;

async function renderAll(
  files: ReturnType<typeof generateManifests>,
): Promise<any[]> {
  const root = writeTree(files);
  try {
    const out: any[] = [];
    for (const env of ENVIRONMENTS) {
      const objects = await kustomize(root, env);
      if (objects.length < 3)
        throw new Error(`${env} rendered only ${objects.length} objects`);
      out.push(...objects);
    }
    return out;
  } finally {
    removeTree(root);
  }
}

describe('properties', () => {
  it(`${RUNS} random valid stacks validate, generate schema-valid objects, and a sample renders with kustomize`, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(validStackArb, async input => {
        const r = validateStack(input);
        if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
        const files = generateManifests(r.stack);
        const minor = apiVersionsFor(r.stack.spec.kubernetesVersion).minor;
        for (const f of files) {
          if (
            f.path.endsWith('kustomization.yaml') ||
            f.path.includes('/patches/')
          )
            continue;
          for (const doc of parseAllDocuments(f.content)) {
            const o = doc.toJS();
            expect(o.kind).not.toBe('Secret');
            expect(schemaProblems(o, minor)).toEqual([]);
          }
        }
        const rendered =
          run++ % RENDER_EVERY === 0 ? await renderAll(files) : [];
        expect(rendered.flatMap(o => schemaProblems(o, minor))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(run).toBe(RUNS);
  }, 170_000);

  it(`${RUNS} random invalid stacks fail with path-naming issues and never throw`, () => {
    fc.assert(
      fc.property(validStackArb, fc.nat(MUTATIONS.length - 1), (input, m) => {
        const broken = structuredClone(input);
        MUTATIONS[m](broken);
        const r = validateStack(broken);
        expect(r.ok).toBe(false);
        const issues = r.ok ? [] : r.issues;
        expect(issues.length).toBeGreaterThan(0);
        for (const i of issues) {
          expect(i.path).toMatch(/^[a-zA-Z]/);
          expect(i.rule).toMatch(/^[a-z0-9-]+$/);
          expect(i.message.startsWith(`${i.path}: `)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`${RUNS} arbitrary values never make validateStack throw`, () => {
    fc.assert(
      fc.property(fc.anything(), x => {
        const r = validateStack(x);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: RUNS },
    );
  });
});
