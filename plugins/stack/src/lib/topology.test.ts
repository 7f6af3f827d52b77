import type { Entity } from '@backstage/catalog-model';
import { COMPONENT_KINDS } from '@idp-stack/plugin-stack-common';
import { buildTopology, categoryOf } from './topology';

function entity(
  kind: string,
  name: string,
  type: string | undefined,
  relations: Array<[string, string]> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: type ? { type } : {},
    relations: relations.map(([t, targetRef]) => ({ type: t, targetRef })),
  };
}

describe('buildTopology', () => {
  it('turns members into nodes and their relations into typed edges', () => {
    const topology = buildTopology([
      entity('Component', 'web', 'website', [
        ['consumesApi', 'api:default/orders-api'],
        ['partOf', 'system:default/shop'],
      ]),
      entity('Component', 'orders', 'service', [
        ['providesApi', 'api:default/orders-api'],
        ['dependsOn', 'resource:default/orders-db'],
      ]),
      entity('API', 'orders-api', 'openapi'),
      entity('Resource', 'orders-db', 'database'),
    ]);
    expect(topology.nodes.map(n => [n.id, n.category, n.external])).toEqual([
      ['component:default/web', 'frontend', false],
      ['component:default/orders', 'service', false],
      ['api:default/orders-api', 'api', false],
      ['resource:default/orders-db', 'database', false],
    ]);
    // partOf is membership, not an edge.
    expect(topology.edges).toEqual([
      {
        from: 'component:default/web',
        to: 'api:default/orders-api',
        type: 'consumesApi',
      },
      {
        from: 'component:default/orders',
        to: 'api:default/orders-api',
        type: 'providesApi',
      },
      {
        from: 'component:default/orders',
        to: 'resource:default/orders-db',
        type: 'dependsOn',
      },
    ]);
  });

  it('keeps targets outside the system as external nodes and drops duplicate edges', () => {
    const topology = buildTopology([
      entity('Component', 'a', 'service', [
        ['dependsOn', 'component:default/billing'],
        ['dependsOn', 'component:default/billing'],
      ]),
    ]);
    expect(topology.nodes[1]).toMatchObject({
      id: 'component:default/billing',
      external: true,
      category: 'service',
    });
    expect(topology.edges).toHaveLength(1);
  });
});

describe('categoryOf', () => {
  it('maps stack sub-components to their shapes', () => {
    expect(categoryOf('Resource', 'queue')).toBe('queue');
    expect(categoryOf('Resource', 'bucket')).toBe('bucket');
    expect(categoryOf('Resource', 'cache')).toBe('cache');
    expect(categoryOf('Resource', 'message-broker')).toBe('queue');
    expect(categoryOf('Resource', 'object-storage')).toBe('bucket');
    expect(categoryOf('Resource', 'mainframe')).toBe('resource');
    expect(categoryOf('Group', undefined)).toBe('other');
  });

  it('draws every Resource type a stack-common component type writes as that type says, never as a generic resource', () => {
    const kinds = Object.values(COMPONENT_KINDS);
    const resources = kinds.filter(k => k.catalog.kind === 'Resource');
    expect(
      resources.map(k => [k.type, categoryOf('Resource', k.catalog.type)]),
    ).toEqual(resources.map(k => [k.type, k.topology]));
    const subTypes = kinds.flatMap(k =>
      k.subComponents.map(s => s.catalogType),
    );
    expect(
      subTypes.filter(t => categoryOf('Resource', t) === 'resource'),
    ).toEqual([]);
  });
});
