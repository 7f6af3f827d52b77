import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { generateManifests } from './generateManifests';
import { ENVIRONMENTS } from '../schema/names';
import { Stack } from '../schema/stackSchema';
import { validateStack } from '../validation/validateStack';
import { validStackArb } from '../testUtils/arbitraries';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { MAX_SECRET_NAME, remoteSecretKey } from './secretKeys';

// Kubernetes ValidateSecretName = IsDNS1123Subdomain: lower-case labels joined by dots, ≤ 253.
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The remote keys of every ExternalSecret, per overlay environment and ExternalSecret name. */
function remoteKeys(stack: Stack): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>(
    ENVIRONMENTS.map(e => [e, new Map()]),
  );
  // Parsing only files that can hold one keeps 1,000 stacks cheap.
  for (const f of generateManifests(stack).filter(x =>
    x.content.includes('kind: ExternalSecret'),
  )) {
    const env = /^deploy\/overlays\/(dev|stage|prod)\//.exec(f.path)?.[1];
    if (!env)
      throw new Error(`${f.path}: an ExternalSecret outside an overlay`);
    for (const o of parseAllDocuments(f.content).map(d => d.toJS())) {
      if (o?.kind !== 'ExternalSecret') continue;
      out.get(env)!.set(
        o.metadata.name,
        o.spec.data.map((d: any) => d.remoteRef.key),
      );
    }
  }
  return out;
}

/** Valid Secret names, prefixed with the overlay's namespace, the same secrets per env with different keys. */
function checkKeys(stack: Stack): number {
  const keys = remoteKeys(stack);
  const names = ENVIRONMENTS.map(e => [...keys.get(e)!.keys()].sort().join());
  if (new Set(names).size !== 1)
    throw new Error(
      `environments differ in ExternalSecrets: ${names.join(' / ')}`,
    );
  let n = 0;
  for (const env of ENVIRONMENTS) {
    for (const [name, list] of keys.get(env)!) {
      for (const key of list) {
        n++;
        if (!DNS_SUBDOMAIN.test(key) || key.length > MAX_SECRET_NAME)
          throw new Error(`${name}: ${key} is not a valid Secret name`);
        if (!key.startsWith(`${stack.metadata.system}-${env}.`))
          throw new Error(
            `${name}: ${key} is not a key of ${stack.metadata.system}-${env}`,
          );
        for (const other of ENVIRONMENTS.filter(e => e !== env)) {
          if (keys.get(other)!.get(name)!.includes(key))
            throw new Error(`${name}: ${key} is shared by ${env} and ${other}`);
        }
      }
    }
  }
  return n;
}

describe('remote secret keys', () => {
  it.each(fixtureNames())(
    '%s: every key is a valid Secret name of its own system and environment',
    name => {
      expect(() => checkKeys(loadFixture(name))).not.toThrow();
    },
  );

  it('names the fixture keys as documented', () => {
    const keys = remoteKeys(loadFixture('fullstack'));
    const all = [...keys.get('prod')!.values()].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const k of all)
      expect(k).toMatch(/^commerce-prod\.shop\.[a-z0-9-]+\.[a-z0-9-]+$/);
  });

  it('1,000 random valid stacks: keys valid, scoped and different per environment', () => {
    let keys = 0;
    fc.assert(
      fc.property(validStackArb, input => {
        const r = validateStack(input);
        if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
        keys += checkKeys(r.stack);
      }),
      { numRuns: 1000 },
    );
    expect(keys).toBeGreaterThan(1000);
  });

  it('shortens a key that would be too long, stably and within the prefix', () => {
    const stack = {
      metadata: { system: 's'.repeat(39), name: 'n'.repeat(63) },
    };
    const a = remoteSecretKey(
      stack,
      'stage',
      'c'.repeat(40),
      `${'p'.repeat(63)}-${'q'.repeat(63)}-${'r'.repeat(63)}`,
    );
    const b = remoteSecretKey(
      stack,
      'stage',
      'c'.repeat(40),
      `${'p'.repeat(63)}-${'q'.repeat(63)}-${'r'.repeat(62)}`,
    );
    expect(a.length).toBeLessThanOrEqual(MAX_SECRET_NAME);
    expect(a).toMatch(DNS_SUBDOMAIN);
    expect(a.startsWith(`${'s'.repeat(39)}-stage.`)).toBe(true);
    expect(a).not.toBe(b);
    expect(
      remoteSecretKey(
        stack,
        'stage',
        'c'.repeat(40),
        `${'p'.repeat(63)}-${'q'.repeat(63)}-${'r'.repeat(63)}`,
      ),
    ).toBe(a);
  });
});
