import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { ENVIRONMENTS, Environment } from '../schema/names';
import type { Stack } from '../schema/stackSchema';
import { validStackArb } from '../testUtils/arbitraries';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { canonical } from '../testUtils/policyMeaning';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { validateStack } from '../validation/validateStack';
import { CommittedPins, generateManifests } from './generateManifests';
import {
  imagePinsPath,
  initialImagePins,
  pinnedImages,
  setImagePin,
} from './imagePins';
import { planManifests } from './manifestPlan';
import { renderedManifestsPath, renderEnvironment } from './renderEnvironment';

/** Random stacks rendered both ways; each costs three `kubectl kustomize` runs. */
const RUNS = 8;

const optIn = (stack: Stack): Stack => ({
  ...stack,
  spec: { ...stack.spec, deploy: { render: 'manifests' } },
});

/** Pins other than the initial ones, one kind per environment: a commit tag, a digest, a version. */
function promotedPins(stack: Stack): CommittedPins {
  const refs: Record<Environment, { newTag: string } | { digest: string }> = {
    dev: { newTag: `sha-${'ab12'.repeat(10)}` },
    stage: { digest: `sha256:${'c3'.repeat(32)}` },
    prod: { newTag: '1.4.2' },
  };
  return Object.fromEntries(
    ENVIRONMENTS.map(env => [
      env,
      pinnedImages(stack).reduce(
        (text, i) => setImagePin(text, i.name, refs[env]),
        initialImagePins(stack, env).content,
      ),
    ]),
  );
}

const objectSet = (objects: unknown[]) => objects.map(canonical).sort();

/** For each environment: the objects kubectl kustomize renders and those in deploy/rendered/<env>/manifests.yaml. */
async function bothWays(stack: Stack, pins: CommittedPins) {
  const files = generateManifests(optIn(stack), pins);
  // The repository's committed pins, where kustomize reads them.
  const root = writeTree(
    files.map(f => {
      const env = ENVIRONMENTS.find(e => f.path === imagePinsPath(e));
      return env ? { ...f, content: pins[env]! } : f;
    }),
  );
  try {
    const out = [];
    for (const env of ENVIRONMENTS) {
      const rendered = files.find(f => f.path === renderedManifestsPath(env))!;
      out.push({
        env,
        kustomize: objectSet(await kustomize(root, env)),
        rendered: objectSet(
          parseAllDocuments(rendered.content).map(d => d.toJS()),
        ),
      });
    }
    return out;
  } finally {
    removeTree(root);
  }
}

describe('renderEnvironment', () => {
  it.each(fixtureNames())(
    'fixture %s: deploy/rendered/<env>/manifests.yaml holds exactly the objects kubectl kustomize renders, pins applied',
    async name => {
      const stack = loadFixture(name);
      const pins = promotedPins(stack);
      for (const r of await bothWays(stack, pins)) {
        expect(r.rendered.length).toBeGreaterThan(3);
        expect({ env: r.env, objects: r.rendered }).toEqual({
          env: r.env,
          objects: r.kustomize,
        });
      }
      // The pins really reached the render (not only the initial tag).
      const prod = renderEnvironment(planManifests(stack), 'prod', pins.prod!);
      const images = JSON.stringify(prod).match(/"image":"[^"]+"/g) ?? [];
      for (const i of pinnedImages(stack))
        expect(images).toContain(`"image":"${i.name}:1.4.2"`);
    },
    120_000,
  );

  it(`${RUNS} random valid stacks: the generator's render equals kubectl kustomize's in every environment`, async () => {
    await fc.assert(
      fc.asyncProperty(validStackArb, async input => {
        const r = validateStack(input);
        if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
        for (const e of await bothWays(r.stack, promotedPins(r.stack)))
          expect(e.rendered).toEqual(e.kustomize);
      }),
      // No shrinking: each step renders three overlays.
      { numRuns: RUNS, endOnFailure: true },
    );
  }, 300_000);

  it('renders with the committed pins, and without them with the initial pins the generator writes', () => {
    const stack = optIn(loadFixture('fullstack'));
    const pins = promotedPins(stack);
    const withPins = generateManifests(stack, pins);
    const without = generateManifests(stack);
    const dev = renderedManifestsPath('dev');
    expect(withPins.find(f => f.path === dev)!.content).toContain(
      `:sha-${'ab12'.repeat(10)}`,
    );
    expect(without.find(f => f.path === dev)!.content).toContain(
      ':0.0.0-unpromoted',
    );
    // Only the rendered files differ; the kustomize layout is the same bytes.
    const differ = withPins
      .filter((f, i) => f.content !== without[i].content)
      .map(f => f.path);
    expect(differ.sort()).toEqual(
      ENVIRONMENTS.map(renderedManifestsPath).sort(),
    );
  });

  it('writes no rendered files unless the stack opts in (default: kustomize)', () => {
    const stack = loadFixture('fullstack');
    expect(
      generateManifests(stack).filter(f =>
        f.path.startsWith('deploy/rendered/'),
      ),
    ).toEqual([]);
    expect(
      generateManifests(optIn(stack))
        .filter(f => f.path.startsWith('deploy/rendered/'))
        .map(f => f.path)
        .sort(),
    ).toEqual(ENVIRONMENTS.map(renderedManifestsPath).sort());
  });

  it('refuses a pin file that is not one, naming the file', () => {
    const plan = planManifests(loadFixture('fullstack'));
    expect(() => renderEnvironment(plan, 'dev', 'kind: [')).toThrow(
      /deploy\/overlays\/dev\/images\/kustomization\.yaml/,
    );
  });
});
