import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { frontendToService } from './frontendToService';

const stack = (framework: string) =>
  stackOf({
    components: [
      { name: 'web', type: 'frontend', framework },
      { name: 'orders', type: 'nodejs', port: 8080 },
    ],
    links: [{ from: 'web', to: 'orders', pathPrefix: '/api' }],
    environments: { prod: { hostname: 'shop.example.com' } },
  });

describe('frontend → service', () => {
  it('routes the prefix, sets the API base URL and CORS origin per environment', () => {
    const a = runRule(frontendToService, stack('static'));
    expect(a.routes).toEqual([{ component: 'orders', pathPrefix: '/api' }]);
    const prod = a.env!.filter(e => e.environment === 'prod');
    expect(prod).toEqual([
      {
        component: 'web',
        environment: 'prod',
        vars: [
          {
            name: 'ORDERS_API_BASE_URL',
            value: 'https://shop.example.com/api',
          },
        ],
      },
      {
        component: 'orders',
        environment: 'prod',
        vars: [
          { name: 'CORS_ALLOWED_ORIGINS', value: 'https://shop.example.com' },
        ],
      },
    ]);
    expect(
      a.env!.find(e => e.environment === 'dev' && e.component === 'orders')!
        .vars[0].value,
    ).toBe('https://shop.dev.apps.internal');
    expect(a.objects).toBeUndefined();
  });

  it('lets a Next.js frontend call the service in-cluster too', () => {
    const a = runRule(frontendToService, stack('nextjs'));
    expect(a.env!.find(e => !e.environment)!.vars).toEqual([
      { name: 'ORDERS_INTERNAL_URL', value: 'http://orders:8080' },
    ]);
    expect(objectsOf(a, 'NetworkPolicy').map(o => o.metadata.name)).toEqual([
      'web-to-orders',
      'orders-from-web',
    ]);
  });
});
