import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { parseStackYaml } from '../yaml/parseStackYaml';
import type { Stack } from '../schema/stackSchema';
import { generateManifests } from '../generator/generateManifests';
import { generateCatalogEntities } from './generateCatalogEntities';
import { serializeCatalogEntities } from './serializeCatalogEntities';
import type { CatalogEntity } from './types';

function fixture(name: string): Stack {
  const r = parseStackYaml(
    readFileSync(join(__dirname, '../../fixtures', `${name}.yaml`), 'utf8'),
  );
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('; '));
  return r.stack;
}

const byRef = (entities: CatalogEntity[]) =>
  new Map(entities.map(e => [`${e.kind.toLowerCase()}:${e.metadata.name}`, e]));

describe('generateCatalogEntities', () => {
  const shop = fixture('fullstack');
  const entities = generateCatalogEntities(shop, { org: 'acme' });
  const refs = byRef(entities);

  it('emits a System, a Component per service/frontend, an API per service and Resources for data and sub-components', () => {
    expect([...refs.keys()].sort()).toEqual(
      [
        'system:commerce',
        'component:shop-web',
        'component:shop', // orders: the first backend service carries the stack name
        'api:shop-api',
        'component:shop-worker',
        'api:shop-worker-api',
        'resource:shop-db',
        'resource:shop-db-orders',
        'resource:shop-mq',
        'resource:shop-mq-order-events',
        'resource:shop-store',
        'resource:shop-store-invoices',
        'resource:shop-cache',
        'resource:shop-cache-sessions',
      ].sort(),
    );
    expect(refs.get('component:shop-web')!.spec.type).toBe('website');
    expect(refs.get('component:shop')!.spec).toMatchObject({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:commerce',
      system: 'commerce',
      providesApis: ['api:shop-api'],
    });
    expect(refs.get('resource:shop-db')!.spec.type).toBe('database');
    expect(refs.get('resource:shop-mq-order-events')!.spec).toMatchObject({
      type: 'queue',
      dependsOn: ['resource:shop-mq'],
    });
  });

  it('mirrors every link in dependsOn and consumesApis', () => {
    expect(refs.get('component:shop-web')!.spec).toMatchObject({
      dependsOn: ['component:shop'],
      consumesApis: ['api:shop-api'],
    });
    expect(refs.get('component:shop')!.spec.dependsOn).toEqual([
      'component:shop-worker',
      'resource:shop-cache-sessions',
      'resource:shop-db-orders',
      'resource:shop-mq-order-events',
    ]);
    expect(refs.get('component:shop')!.spec.consumesApis).toEqual([
      'api:shop-worker-api',
    ]);
    expect(refs.get('component:shop-worker')!.spec.dependsOn).toEqual([
      'resource:shop-db-orders',
      'resource:shop-mq-order-events',
      'resource:shop-store-invoices',
    ]);
  });

  it('writes the annotations the health plugins read', () => {
    expect(refs.get('component:shop')!.metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/shop',
      'argocd/app-selector': 'idp.platform/repo=shop',
      'backstage.io/kubernetes-id': 'orders',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=orders,app.kubernetes.io/part-of=shop',
      'backstage.io/source-location':
        'url:https://github.com/acme/shop/tree/main/',
      'idp.platform/stack-file': 'stack.yaml',
      'idp.platform/component': 'orders',
    });
    for (const e of entities) {
      expect(e.metadata.annotations['idp.platform/stack-file']).toBe(
        'stack.yaml',
      );
    }
  });

  it('selects exactly the pods the generated manifests run for each component', () => {
    // Overlays only add labels (kustomize), so matching the base is enough.
    const podLabels = new Map<string, Record<string, string>[]>();
    for (const m of generateManifests(shop)
      .filter(f => f.path.includes('/base/') && f.path.endsWith('.yaml'))
      .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))) {
      const labels = m?.spec?.template?.metadata?.labels;
      if (labels)
        podLabels.set(m.metadata.name, [
          ...(podLabels.get(m.metadata.name) ?? []),
          labels,
        ]);
    }
    const matches = (selector: string, labels: Record<string, string>) =>
      selector.split(',').every(p => {
        const [k, v] = p.split('=');
        return labels[k] === v;
      });
    for (const e of entities.filter(x => x.kind === 'Component')) {
      const component = e.metadata.annotations['idp.platform/component'];
      const selector =
        e.metadata.annotations['backstage.io/kubernetes-label-selector'];
      const own = podLabels.get(component);
      expect(own?.length).toBeGreaterThan(0);
      for (const labels of own!) expect(matches(selector, labels)).toBe(true);
      // ...and no other component's pods.
      const others = [...podLabels]
        .filter(([name]) => name !== component)
        .flatMap(([, list]) => list);
      expect(others.filter(labels => matches(selector, labels))).toEqual([]);
    }
  });

  it('honours repo, host and lifecycle options', () => {
    const [, main] = generateCatalogEntities(shop, {
      org: 'acme',
      repo: 'shop-repo',
      host: 'ghe.example.com',
      lifecycle: 'production',
    });
    expect(main.metadata.annotations['backstage.io/source-location']).toBe(
      'url:https://ghe.example.com/acme/shop-repo/tree/main/',
    );
    expect(main.spec.lifecycle).toBe('production');
  });

  it('keeps every name within 63 characters and distinct, even for long stack names', () => {
    const long = {
      ...shop,
      metadata: { ...shop.metadata, name: 'a'.repeat(60) },
    };
    const names = generateCatalogEntities(long, { org: 'acme' }).map(
      e => `${e.kind}:${e.metadata.name}`,
    );
    expect(new Set(names).size).toBe(names.length);
    for (const n of names)
      expect(n.split(':')[1].length).toBeLessThanOrEqual(63);
  });

  it('serialises to one YAML document per entity, deterministically', () => {
    const text = serializeCatalogEntities(entities);
    expect(
      serializeCatalogEntities(
        generateCatalogEntities(fixture('fullstack'), { org: 'acme' }),
      ),
    ).toBe(text);
    const docs = parseAllDocuments(text).map(d => d.toJS());
    expect(docs).toEqual(entities);
    expect(text).not.toContain('undefined');
  });
});
