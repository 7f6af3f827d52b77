import { buildTopology, Topology } from './topology';
import { mergeStackTopology } from './mergeStackTopology';
import { bigStack, catalogOf, stackOf } from '../__testUtils__/stacks';

const YAML = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: catalogue
  system: content
  owner: group:content
spec:
  components:
    - name: admin
      type: frontend
    - name: content-api
      type: nodejs
    - name: pg
      type: postgres
      databases:
        - name: content
    - name: bus
      type: rabbitmq
      queues:
        - name: ingest
          deadLetter: true
        - name: notify
    - name: files
      type: minio
      buckets:
        - name: media
    - name: kv
      type: redis
      databases:
        - name: sessions
          index: 0
  links:
    - from: admin
      to: content-api
      pathPrefix: /api
    - from: content-api
      to: pg/content
    - from: content-api
      to: files/media
      access: read
    - from: content-api
      to: bus/ingest
    - from: content-api
      to: kv/sessions
      access: read-write
`;

/** The catalog entities stack:catalog-info registers, with the relations the catalog derives. */

const stack = stackOf(YAML);
const source = { stack, entityRef: 'component:default/catalogue' };

describe('mergeStackTopology', () => {
  it('keeps the catalog graph and adds only what the catalog lacks: the dead-letter queue', () => {
    const base = buildTopology(catalogOf(stack));
    const merged = mergeStackTopology(base, [source]);
    // Every catalog node stays, by identity.
    for (const n of base.nodes) {
      expect(merged.nodes.find(m => m.id === n.id)).toBeDefined();
    }
    const added = merged.nodes.filter(
      n => !base.nodes.some(b => b.id === n.id),
    );
    expect(added).toEqual([
      {
        id: 'stack:default/catalogue-bus-ingest.dlq',
        // A click opens the queue's catalog entity.
        kind: 'Resource',
        namespace: 'default',
        name: 'catalogue-bus-ingest',
        title: 'ingest.dlq',
        category: 'deadLetter',
        external: false,
        fromStack: true,
      },
    ]);
    expect(merged.edges).toContainEqual({
      from: 'resource:default/catalogue-bus-ingest',
      to: 'stack:default/catalogue-bus-ingest.dlq',
      type: 'deadLetter',
    });
    // The catalog already relates each sub-resource to its component: no second arrow.
    expect(merged.edges.filter(e => e.type === 'contains')).toEqual([]);
  });

  it('labels the catalog edges of links with access mode and path prefix', () => {
    const merged = mergeStackTopology(buildTopology(catalogOf(stack)), [
      source,
    ]);
    const label = (from: string, to: string) =>
      merged.edges.find(
        e => e.from === from && e.to === to && e.type === 'dependsOn',
      )?.label;
    expect(
      label('component:default/catalogue-admin', 'component:default/catalogue'),
    ).toBe('/api');
    expect(
      label(
        'component:default/catalogue',
        'resource:default/catalogue-files-media',
      ),
    ).toBe('read');
    expect(
      label(
        'component:default/catalogue',
        'resource:default/catalogue-kv-sessions',
      ),
    ).toBe('read-write');
    expect(
      label(
        'component:default/catalogue',
        'resource:default/catalogue-pg-content',
      ),
    ).toBeUndefined();
  });

  it('draws a redis database as a cache and leaves the input untouched', () => {
    const base = buildTopology(catalogOf(stack));
    const before = JSON.stringify(base);
    const merged = mergeStackTopology(base, [source]);
    expect(
      merged.nodes.find(n => n.id === 'resource:default/catalogue-kv-sessions')
        ?.category,
    ).toBe('cache');
    expect(JSON.stringify(base)).toBe(before);
  });

  it('adds every sub-component, attached to its component, when the catalog has only the services', () => {
    // Registered without relations: the catalog knows nothing of the data side.
    const services = catalogOf(stack)
      .filter(e => e.kind === 'Component')
      .map(e => ({ ...e, relations: [] }));
    const merged = mergeStackTopology(buildTopology(services), [source]);
    const stackOnly = merged.nodes
      .filter(n => n.fromStack)
      .map(n => [n.title, n.category]);
    expect(stackOnly).toEqual(
      expect.arrayContaining([
        ['catalogue-pg', 'database'],
        ['catalogue-bus', 'queue'],
        ['content', 'database'],
        ['ingest', 'queue'],
        ['ingest.dlq', 'deadLetter'],
        ['notify', 'queue'],
        ['media', 'bucket'],
        ['sessions', 'cache'],
      ]),
    );
    expect(merged.edges).toContainEqual({
      from: 'stack:default/catalogue-pg',
      to: 'stack:default/catalogue-pg-content',
      type: 'contains',
    });
    // A link with no catalog relation becomes its own labelled edge.
    expect(merged.edges).toContainEqual({
      from: 'component:default/catalogue',
      to: 'stack:default/catalogue-files-media',
      type: 'link',
      label: 'read',
    });
    // Stack-only nodes without a catalog parent open the entity the stack was read for.
    expect(merged.nodes.find(n => n.title === 'content')).toMatchObject({
      kind: 'component',
      name: 'catalogue',
    });
  });

  it('returns the base topology when there is no stack', () => {
    const base: Topology = { nodes: [], edges: [] };
    expect(mergeStackTopology(base, [])).toBe(base);
  });

  it('merges a 300-node stack: every queue gets its dead-letter queue node', () => {
    const big = bigStack(60);
    const merged = mergeStackTopology(buildTopology(catalogOf(big)), [
      { stack: big, entityRef: 'component:default/big' },
    ]);
    expect(merged.nodes.length).toBeGreaterThanOrEqual(300);
    // The catalog already has the databases and queues; stack.yaml adds the DLQs.
    expect(merged.nodes.filter(n => /^q\d+\.dlq$/.test(n.title))).toHaveLength(
      60,
    );
  });
});
