import { COMPONENT_KINDS } from '../componentTypes/registry';
import { generateManifests } from '../generator/generateManifests';
import type { Stack } from '../schema/stackSchema';
import { loadFixture } from '../testUtils/fixtures';
import { validateStack } from '../validation/validateStack';
import { changeSummaryMarkdown, summarizeChange } from './summarizeChange';

function withRedis(stack: Stack): Stack {
  const next = structuredClone(stack);
  next.spec.components.push(COMPONENT_KINDS.redis.starter('cache'));
  next.spec.links = [...(next.spec.links ?? []), { from: 'api', to: 'cache' }];
  const r = validateStack(next);
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
  return r.stack;
}

describe('summarizeChange', () => {
  const before = loadFixture('single-node');
  const after = withRedis(before);

  it('names the objects a Redis and its link add in every environment, and the Deployment they change', () => {
    const changes = summarizeChange(
      generateManifests(before),
      generateManifests(after),
    );
    expect(changes.map(c => c.environment)).toEqual(['dev', 'prod', 'stage']);
    for (const c of changes) {
      expect(c.removed).toEqual([]);
      // the link puts REDIS_* variables into api's container
      expect(c.changed).toContain('Deployment/api');
      expect(c.added.length).toBeGreaterThan(0);
      expect(c.added.every(o => !o.startsWith('Deployment/api'))).toBe(true);
      expect(c.added.some(o => /cache/.test(o))).toBe(true);
    }
  });

  it('is the exact inverse when the change is undone, and empty for no change', () => {
    const forward = summarizeChange(
      generateManifests(before),
      generateManifests(after),
    );
    const back = summarizeChange(
      generateManifests(after),
      generateManifests(before),
    );
    expect(back).toEqual(
      forward.map(c => ({ ...c, added: c.removed, removed: c.added })),
    );
    const none = summarizeChange(
      generateManifests(after),
      generateManifests(after),
    );
    expect(none.every(c => !c.added.length && !c.removed.length)).toBe(true);
    expect(none.every(c => !c.changed.length)).toBe(true);
  });

  it('counts a change made only by an overlay patch in that environment only', () => {
    const scaled = structuredClone(before);
    scaled.spec.environments = {
      prod: { autoscaling: { enabled: false }, replicas: 5 },
    };
    const r = validateStack(scaled);
    if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
    const changes = summarizeChange(
      generateManifests(before),
      generateManifests(r.stack),
    );
    const changed = Object.fromEntries(
      changes.map(c => [c.environment, c.changed]),
    );
    expect(changed).toEqual({ dev: [], stage: [], prod: ['Deployment/api'] });
  });

  it('writes one Markdown section per environment', () => {
    const md = changeSummaryMarkdown([
      {
        environment: 'dev',
        added: ['Service/cache'],
        removed: [],
        changed: [],
      },
      { environment: 'prod', added: [], removed: [], changed: [] },
    ]);
    expect(md).toBe(
      '### dev\n\n- Added (1): `Service/cache`\n\n### prod\n\nNo object changes.',
    );
  });
});
