import { loadFixture } from '../testUtils/fixtures';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { generateManifests } from './generateManifests';
import {
  commitTag,
  imagePinsPath,
  pinnedImages,
  readImagePins,
  setImagePin,
  UNPROMOTED_TAG,
} from './imagePins';

jest.setTimeout(60_000);
const stack = loadFixture('fullstack');
const SHA = 'a'.repeat(40);

describe('image pins', () => {
  const files = generateManifests(stack);
  const pinFile = (env: string) =>
    files.find(f => f.path === imagePinsPath(env))!;

  it('each overlay lists the images component, whose file is marked preserve and starts unpromoted', () => {
    for (const env of ['dev', 'stage', 'prod']) {
      expect(
        files.find(f => f.path === `deploy/overlays/${env}/kustomization.yaml`)!
          .content,
      ).toMatch(/components:\n {2}- images\n/);
      const pins = pinFile(env);
      expect(pins.preserve).toBe(true);
      const { pins: read, issues } = readImagePins(stack, env, pins.content);
      expect(issues).toEqual([]);
      expect(read.map(p => p.newTag)).toEqual(
        pinnedImages(stack).map(() => UNPROMOTED_TAG),
      );
    }
  });

  it('real kustomize renders the pinned image of each environment, and only there', async () => {
    const [first] = pinnedImages(stack);
    const pinned: Record<string, Parameters<typeof setImagePin>[2]> = {
      [imagePinsPath('stage')]: { newTag: commitTag(SHA) },
      [imagePinsPath('prod')]: { digest: `sha256:${'b'.repeat(64)}` },
    };
    const tree = files.map(f =>
      pinned[f.path]
        ? { ...f, content: setImagePin(f.content, first.name, pinned[f.path]) }
        : f,
    );
    const root = writeTree(tree);
    try {
      const imageOf = async (env: string) =>
        (await kustomize(root, env))
          .filter(
            o => o.kind === 'Deployment' && o.metadata.name === first.component,
          )
          .map(o => o.spec.template.spec.containers[0].image);
      expect(await imageOf('dev')).toEqual([`${first.name}:${UNPROMOTED_TAG}`]);
      expect(await imageOf('stage')).toEqual([`${first.name}:sha-${SHA}`]);
      expect(await imageOf('prod')).toEqual([
        `${first.name}@sha256:${'b'.repeat(64)}`,
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('refuses a mutable tag in stage and prod, allows it in dev, and names the file, entry and rule', () => {
    const [first] = pinnedImages(stack);
    const text = setImagePin(pinFile('prod').content, first.name, {
      newTag: 'main',
    });
    expect(readImagePins(stack, 'dev', text).issues).toEqual([]);
    expect(readImagePins(stack, 'prod', text).issues).toEqual([
      {
        rule: 'mutable-pin',
        path: 'images[0]',
        message: `deploy/overlays/prod/images/kustomization.yaml: images[0] tag "main" is mutable; prod runs only a digest, a commit tag (sha-<hex>) or a full version (1.2.3)`,
      },
    ]);
    const latest = setImagePin(pinFile('stage').content, first.name, {
      newTag: 'latest',
    });
    expect(
      readImagePins(stack, 'stage', latest).issues.map(i => i.rule),
    ).toEqual(['mutable-pin']);
    for (const ok of [commitTag(SHA), 'sha-abc1234', '1.4.2', 'v2.0.0-rc.1'])
      expect(
        readImagePins(
          stack,
          'prod',
          setImagePin(text, first.name, { newTag: ok }),
        ).issues,
      ).toEqual([]);
  });

  it('a stage/prod pin file missing a component, or holding more than images, is an issue', () => {
    const empty =
      'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages: []\nresources: [x.yaml]\n';
    const rules = readImagePins(stack, 'stage', empty).issues.map(i => i.rule);
    expect(rules).toContain('missing-pin');
    expect(rules).toContain('pin-format');
    expect(readImagePins(stack, 'dev', 'images: [').issues[0].rule).toBe(
      'pin-format',
    );
  });

  it('setImagePin changes one entry and keeps comments and the other pins', () => {
    const text = `# kept\napiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nimages:\n  - name: r/a\n    newTag: ${UNPROMOTED_TAG}\n  - name: r/b\n    newTag: 1.0.0 # b's\n`;
    const out = setImagePin(text, 'r/a', { newTag: 'sha-abc1234' });
    expect(out).toBe(
      text.replace(`newTag: ${UNPROMOTED_TAG}`, 'newTag: sha-abc1234'),
    );
    expect(
      setImagePin(text, 'r/c', { digest: `sha256:${'c'.repeat(64)}` }),
    ).toContain(`  - name: r/c\n    digest: sha256:${'c'.repeat(64)}\n`);
  });
});
