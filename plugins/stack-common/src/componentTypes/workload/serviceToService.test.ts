import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { serviceToService } from './serviceToService';

describe('service → service', () => {
  it("gives the callee's URL and opens exactly its port", () => {
    const a = runRule(
      serviceToService,
      stackOf({
        components: [
          { name: 'orders', type: 'nodejs' },
          { name: 'pricing-engine', type: 'fastapi', port: 9000 },
        ],
        links: [{ from: 'orders', to: 'pricing-engine' }],
      }),
    );
    expect(a.env).toEqual([
      {
        component: 'orders',
        vars: [
          { name: 'PRICING_ENGINE_URL', value: 'http://pricing-engine:9000' },
        ],
      },
    ]);
    const [egress, ingress] = objectsOf(a, 'NetworkPolicy');
    expect(egress.spec.egress[0]).toEqual({
      to: [
        {
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'pricing-engine',
              'app.kubernetes.io/part-of': 'shop',
            },
          },
        },
      ],
      ports: [{ protocol: 'TCP', port: 9000 }],
    });
    expect(ingress.metadata.name).toBe('pricing-engine-from-orders');
  });
});
