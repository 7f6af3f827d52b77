import { z } from 'zod';
import { validateStack } from '../validation/validateStack';
import { generateManifests } from '../generator/generateManifests';
import { generateCatalogEntities } from '../catalog';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { ARBITRARY_TYPES } from '../testUtils/arbitraries';
import {
  COMPONENT_KINDS,
  COMPONENT_TYPES,
  linkDeclarationFor,
} from './registry';
import type { ComponentKind } from './kind';

const kinds = Object.entries(COMPONENT_KINDS) as [string, ComponentKind<any>][];
const shapeOf = (k: ComponentKind<any>) =>
  (k.schema as unknown as z.ZodObject).shape;

/** A stack holding the type's designer starter, linked from a service (or linking to one) as the type declares. */
function starterStack(k: ComponentKind<any>) {
  const components: any[] = [k.starter('subject')];
  const links: any[] = [];
  const peer = k.role === 'service' ? 'frontend' : 'nodejs';
  components.push(COMPONENT_KINDS[peer].starter('peer'));
  if (linkDeclarationFor(peer, k.type))
    links.push({ from: 'peer', to: 'subject' });
  else if (linkDeclarationFor(k.type, peer))
    links.push({ from: 'subject', to: 'peer' });
  return {
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: { name: 'shop', system: 'commerce', owner: 'group:x' },
    spec: { components, links },
  };
}

describe('component type registry', () => {
  it.each(kinds)(
    '%s: the key, the kind and its schema agree on the type',
    (type, k) => {
      expect(k.type).toBe(type);
      expect(shapeOf(k).type.parse(type)).toBe(type);
      expect(k.description.length).toBeGreaterThan(0);
    },
  );

  it.each(kinds)('%s: defaults pass its own schema', (_type, k) => {
    const shape = shapeOf(k);
    expect(shape.version.safeParse(k.defaults.version).success).toBe(true);
    expect(k.defaults.port).toBeGreaterThanOrEqual(1);
    expect(k.defaults.port).toBeLessThanOrEqual(65535);
    // Types without a port field (postgres) always serve their default.
    expect(shape.port?.safeParse(k.defaults.port).success ?? true).toBe(true);
  });

  it.each(kinds)(
    '%s: sub-component and unique-name fields are fields of its schema',
    (_type, k) => {
      for (const f of [...k.subComponents.map(s => s.field), ...k.uniqueNames])
        expect(Object.keys(shapeOf(k))).toContain(f);
      for (const s of k.subComponents) expect(k.uniqueNames).toContain(s.field);
      expect(k.catalog.type).toMatch(/^[a-z][a-z-]*$/);
    },
  );

  it.each(kinds)(
    '%s: its designer starter validates, links, generates and becomes catalog entities',
    (type, k) => {
      const r = validateStack(starterStack(k));
      if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
      expect(r.stack.spec.links).toHaveLength(1);
      const files = generateManifests(r.stack);
      expect(
        files.some(
          f =>
            f.path.startsWith('deploy/base/subject/') &&
            !f.path.endsWith('kustomization.yaml'),
        ),
      ).toBe(true);
      const entities = generateCatalogEntities(r.stack, { org: 'acme' });
      const subject = entities.find(
        e =>
          e.metadata.annotations['idp.platform/component'] === 'subject' &&
          e.kind !== 'API',
      );
      expect(subject).toMatchObject({
        kind: k.catalog.kind,
        spec: { type: k.catalog.type },
      });
      // A data starter carries the sub-component a link needs.
      expect(
        k.role !== 'data' ||
          k.subComponents.some(
            s => (k.starter('x') as any)[s.field]?.length > 0,
          ),
      ).toBe(true);
      expect(type).toBe(k.type);
    },
  );

  it('declares each pair of types that may link exactly once (as the source or as the target)', () => {
    for (const from of COMPONENT_TYPES) {
      for (const to of COMPONENT_TYPES) {
        const f = COMPONENT_KINDS[from];
        const t = COMPONENT_KINDS[to];
        const declared = [
          ...t.links.asTarget.filter(d => d.peers.includes(f.role)),
          ...f.links.asSource.filter(d => d.peers.includes(t.role)),
        ];
        expect([`${from} → ${to}`, declared.length <= 1]).toEqual([
          `${from} → ${to}`,
          true,
        ]);
      }
    }
  });

  it('lets services reach every data type', () => {
    const unreachable = kinds.filter(
      ([type, k]) => k.role === 'data' && !linkDeclarationFor('nodejs', type),
    );
    expect(unreachable.map(([type]) => type)).toEqual([]);
  });

  it('covers every type in the fixtures (golden snapshots, kustomize render) and in the fast-check arbitraries', () => {
    const inFixtures = new Set(
      fixtureNames().flatMap(n =>
        loadFixture(n).spec.components.map(c => c.type),
      ),
    );
    expect(COMPONENT_TYPES.filter(t => !inFixtures.has(t))).toEqual([]);
    expect([...ARBITRARY_TYPES].sort()).toEqual([...COMPONENT_TYPES].sort());
  });
});
