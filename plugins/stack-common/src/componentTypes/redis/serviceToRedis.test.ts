import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { serviceToRedis } from './serviceToRedis';

describe('service → redis', () => {
  it('points at the logical database index and opens 6379 only', () => {
    const a = runRule(
      serviceToRedis,
      stackOf({
        components: [
          { name: 'api', type: 'fastapi' },
          {
            name: 'cache',
            type: 'redis',
            databases: [{ name: 'sessions', index: 3 }],
          },
        ],
        links: [{ from: 'api', to: 'cache/sessions' }],
      }),
    );
    expect(a.env![0].vars).toEqual([
      { name: 'CACHE_SESSIONS_HOST', value: 'cache' },
      { name: 'CACHE_SESSIONS_PORT', value: '6379' },
      { name: 'CACHE_SESSIONS_DB', value: '3' },
      { name: 'CACHE_SESSIONS_URL', value: 'redis://cache:6379/3' },
    ]);
    const [egress, ingress] = objectsOf(a, 'NetworkPolicy');
    expect(egress.spec.egress[0].ports).toEqual([
      { protocol: 'TCP', port: 6379 },
    ]);
    expect(ingress.spec.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'cache',
      'app.kubernetes.io/part-of': 'shop',
    });
  });
});
