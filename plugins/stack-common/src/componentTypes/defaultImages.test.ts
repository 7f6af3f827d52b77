import { parseAllDocuments } from 'yaml';
import { generateManifests } from '../generator/generateManifests';
import { pinnedImages } from '../generator/imagePins';
import { validateStack } from '../validation/validateStack';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { COMPONENT_KINDS } from './registry';
import { DEFAULT_IMAGES } from './defaultImages';

const pinned = new Set(
  Object.values(DEFAULT_IMAGES).flatMap(v =>
    Object.values(v).map(e => e.image),
  ),
);

/** Every `image`/`imageName` value anywhere in an object tree. */
function imagesIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach(v => imagesIn(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'image' || k === 'imageName') && typeof v === 'string')
        out.push(v);
      else imagesIn(v, out);
    }
  return out;
}

describe('default images', () => {
  it('every pinned entry is an exact release (no floating major/minor tag) with an upstream URL', () => {
    for (const [type, versions] of Object.entries(DEFAULT_IMAGES))
      for (const [version, { image, source }] of Object.entries(versions)) {
        expect(`${type} ${version}: ${image}`).toMatch(
          /:(\d+\.\d+\.\d+(-[a-z]+)?|\d{2}\.\d+|RELEASE\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)$/,
        );
        expect(source).toMatch(/^https:\/\/github\.com\//);
      }
  });

  it("each type's default version resolves to a pinned image", () => {
    const kinds = COMPONENT_KINDS as Record<
      string,
      { defaults: { version: string } }
    >;
    const types = Object.keys(DEFAULT_IMAGES).filter(t => kinds[t]);
    expect(types).toEqual(['postgres', 'redis', 'rabbitmq', 'minio']);
    for (const type of types)
      expect(Object.keys(DEFAULT_IMAGES[type])).toContain(
        kinds[type].defaults.version,
      );
  });

  it.each(fixtureNames())(
    'fixture %s: every image the generator emits is pinned or the repository’s own',
    name => {
      const stack = loadFixture(name);
      const own = pinnedImages(stack).map(i => i.name);
      const explicit = new Set(
        stack.spec.components.flatMap(c =>
          'image' in c && c.image ? [c.image] : [],
        ),
      );
      const images = generateManifests(stack).flatMap(f =>
        f.path.endsWith('.yaml')
          ? imagesIn(parseAllDocuments(f.content).map(d => d.toJS()))
          : [],
      );
      for (const image of images) {
        const ok =
          pinned.has(image) ||
          explicit.has(image) ||
          own.some(o => image.startsWith(`${o}:`));
        expect(ok ? 'pinned' : image).toBe('pinned');
      }
    },
  );

  it('a MinIO version without a pinned release is refused, naming the field', () => {
    const stack = loadFixture('every-subcomponent');
    const minio = stack.spec.components.find(c => c.type === 'minio');
    if (!minio) throw new Error('fixture has no minio');
    (minio as any).version = '2023.02';
    const r = validateStack(stack);
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain(
      'MinIO 2023.02 has no pinned release; use one of 2024.10 or set image',
    );
  });
});
