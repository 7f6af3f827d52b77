import { validateStack } from './validateStack';
import { parseStackYaml } from '../yaml/parseStackYaml';
import { serializeStack } from '../yaml/serializeStack';
import { findCycle } from './findCycle';

const base = () => ({
  apiVersion: 'idp.platform/v1alpha1',
  kind: 'Stack',
  metadata: {
    name: 'shop',
    system: 'commerce',
    owner: 'group:commerce',
  } as Record<string, unknown>,
  spec: {
    components: [{ name: 'api', type: 'nodejs' }] as any[],
    links: [] as any[],
  },
});

const issuesOf = (input: unknown) => {
  const r = validateStack(input);
  if (r.ok) throw new Error('expected issues');
  return r.issues.map(i => `${i.rule} | ${i.message}`);
};

/** A chain of `n` nodejs services, each linking to the next (optionally back to the first). */
const chain = (n: number, closed = false) => {
  const s = base();
  s.spec.components = Array.from({ length: n }, (_, i) => ({
    name: `s${i}`,
    type: 'nodejs',
  }));
  s.spec.links = Array.from({ length: n - 1 }, (_, i) => ({
    from: `s${i}`,
    to: `s${i + 1}`,
  }));
  if (closed) s.spec.links.push({ from: `s${n - 1}`, to: 's0' });
  return s;
};

describe('input bounds (issue 13)', () => {
  it('caps every string field, naming the field and the limit', () => {
    const s = base();
    s.metadata.owner = `group:${'a'.repeat(300)}`;
    s.metadata.description = 'd'.repeat(1001);
    s.metadata.email = `${'a'.repeat(250)}@x.io`;
    s.spec.components[0].env = [{ name: 'A', value: 'v'.repeat(5000) }];
    s.spec.components.push({
      name: 'db',
      type: 'postgres',
      databases: [{ name: 'x'.repeat(254) }],
    });
    expect(issuesOf(s)).toEqual([
      'max-length | metadata.owner: is 306 characters; the limit is 253 (MAX_STRING_LENGTH)',
      'max-length | metadata.description: is 1001 characters; the limit is 1000 (MAX_DESCRIPTION_LENGTH)',
      'max-length | metadata.email: is 255 characters; the limit is 254 (MAX_EMAIL_LENGTH)',
      'max-length | spec.components[0].env[0].value: is 5000 characters; the limit is 4096 (MAX_ENV_VALUE_LENGTH)',
      'max-length | spec.components[1].databases[0].name: is 254 characters; the limit is 253 (MAX_STRING_LENGTH)',
    ]);
  });

  it('refuses a 1 MB email by its length before the email rule reads it', () => {
    const s = base();
    s.metadata.email = `a@${'a.'.repeat(512 * 1024)} `;
    expect(issuesOf(s)).toEqual([
      'max-length | metadata.email: is 1048579 characters; the limit is 254 (MAX_EMAIL_LENGTH)',
    ]);
  });

  it('caps components, links and sub-components, naming the limit', () => {
    const many = chain(201);
    expect(issuesOf(many)).toEqual([
      'max-items | spec.components: has 201 components; the limit is 200 (MAX_COMPONENTS)',
    ]);
    const links = base();
    links.spec.links = Array.from({ length: 1001 }, () => ({
      from: 'api',
      to: 'api',
    }));
    expect(issuesOf(links)).toEqual([
      'max-items | spec.links: has 1001 links; the limit is 1000 (MAX_LINKS)',
    ]);
    const subs = base();
    subs.spec.components.push({
      name: 'db',
      type: 'postgres',
      databases: Array.from({ length: 101 }, (_, i) => ({ name: `d${i}` })),
    });
    expect(issuesOf(subs)).toEqual([
      'max-items | spec.components[1].databases: has 101 entries; the limit is 100 (MAX_SUB_COMPONENTS)',
    ]);
  });

  it('caps map keys and their number', () => {
    const s = base() as any;
    s.spec.environments = { dev: { components: { ['k'.repeat(300)]: {} } } };
    expect(issuesOf(s)).toEqual([
      'max-length | spec.environments.dev.components: has a key of 300 characters; the limit is 253 (MAX_STRING_LENGTH)',
    ]);
    s.spec.environments = {
      dev: {
        components: Object.fromEntries(
          Array.from({ length: 201 }, (_, i) => [`c${i}`, {}]),
        ),
      },
    };
    expect(issuesOf(s)).toEqual([
      'max-items | spec.environments.dev.components: has 201 keys; the limit is 200 (MAX_COMPONENTS)',
    ]);
  });

  it('accepts a stack at every limit', () => {
    const s = chain(200);
    s.metadata.description = 'd'.repeat(1000);
    s.metadata.owner = `group:${'a'.repeat(247)}`;
    const r = validateStack(s);
    expect(r.ok ? 'ok' : r.issues.map(i => i.message)).toBe('ok');
  });

  it('reports a cap through parseStackYaml too, leaving the input untouched', () => {
    const s = base();
    s.metadata.description = 'd'.repeat(2000);
    const before = JSON.stringify(s);
    const r = parseStackYaml(serializeStack(s as any));
    expect(r.ok ? [] : r.issues.map(i => i.message)).toEqual([
      'metadata.description: is 2000 characters; the limit is 1000 (MAX_DESCRIPTION_LENGTH)',
    ]);
    expect(JSON.stringify(s)).toBe(before);
  });

  it('finds a cycle at the end of a 12,000-service chain without overflowing the stack', () => {
    const n = 12_000;
    const edges = new Map<string, string[]>();
    for (let i = 0; i < n - 1; i++)
      edges.set(`s${String(i).padStart(5, '0')}`, [
        `s${String(i + 1).padStart(5, '0')}`,
      ]);
    expect(findCycle(edges)).toBeUndefined();
    edges.set('s11999', ['s11998']);
    expect(findCycle(edges)).toEqual(['s11998', 's11999', 's11998']);
  });

  it('reports service cycles as before, first in sorted order', () => {
    expect(issuesOf(chain(4, true))).toEqual([
      'link-cycle | spec.links: services call each other in a cycle (s0 → s1 → s2 → s3 → s0); readiness that depends on callees can never settle',
    ]);
    expect(
      findCycle(
        new Map([
          ['a', ['b', 'c']],
          ['b', ['d']],
          ['c', ['d']],
          ['d', []],
        ]),
      ),
    ).toBeUndefined();
    expect(
      findCycle(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['b']],
        ]),
      ),
    ).toEqual(['b', 'c', 'b']);
  });
});
