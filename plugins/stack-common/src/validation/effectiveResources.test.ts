import { COMPONENT_KINDS } from '../componentTypes/registry';
import { DEFAULT_RESOURCES } from '../model/resolve';
import { parseQuantity } from '../schema/quantity';
import { validateStack } from './validateStack';

const stack = (components: any[], environments: any = {}) => ({
  apiVersion: 'idp.platform/v1alpha1',
  kind: 'Stack',
  metadata: { name: 'shop', system: 'commerce', owner: 'group:commerce' },
  spec: { components, links: [], environments },
});

const issuesOf = (input: unknown) => {
  const r = validateStack(input);
  return r.ok ? [] : r.issues.map(i => `${i.rule} | ${i.message}`);
};

describe('requests within effective limits', () => {
  it('a request above the default limit is caught in every environment', () => {
    expect(
      issuesOf(
        stack([
          {
            name: 'api',
            type: 'nodejs',
            resources: { requests: { cpu: '1' } },
          },
        ]),
      ),
    ).toEqual([
      'requests-within-limits | spec.components[0].resources.requests.cpu: in dev, stage, prod: cpu request 1 is above its limit 500m (the nodejs default)',
    ]);
  });

  it('a limit below the default request sits on the limit', () => {
    expect(
      issuesOf(
        stack([
          {
            name: 'api',
            type: 'fastapi',
            resources: { limits: { memory: '64Mi' } },
          },
        ]),
      ),
    ).toEqual([
      'requests-within-limits | spec.components[0].resources.limits.memory: in dev, stage, prod: memory limit 64Mi is below its request 128Mi (the fastapi default)',
    ]);
  });

  it('a prod override under a base request names prod and the override path', () => {
    const s = stack(
      [
        {
          name: 'api',
          type: 'nodejs',
          resources: { requests: { memory: '400Mi' } },
        },
      ],
      {
        prod: {
          components: { api: { resources: { limits: { memory: '256Mi' } } } },
        },
      },
    );
    expect(issuesOf(s)).toEqual([
      'requests-within-limits | spec.components[0].resources.requests.memory: in prod: memory request 400Mi is above its limit 256Mi (spec.environments.prod.components.api.resources.limits.memory)',
    ]);
  });

  it('an override that raises the limit makes a base request valid there only', () => {
    const s = stack(
      [
        {
          name: 'api',
          type: 'nodejs',
          resources: { requests: { cpu: '750m' } },
        },
      ],
      {
        stage: { components: { api: { resources: { limits: { cpu: '1' } } } } },
        prod: { components: { api: { resources: { limits: { cpu: '1' } } } } },
      },
    );
    expect(issuesOf(s)).toEqual([
      'requests-within-limits | spec.components[0].resources.requests.cpu: in dev: cpu request 750m is above its limit 500m (the nodejs default)',
    ]);
  });

  it("type defaults count: kafka's 2Gi default limit allows a 1536Mi request, rabbitmq's 1Gi does not", () => {
    expect(
      issuesOf(
        stack([
          {
            name: 'k',
            type: 'kafka',
            resources: { requests: { memory: '1536Mi' } },
          },
        ]),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        stack([
          {
            name: 'q',
            type: 'rabbitmq',
            resources: { requests: { memory: '1536Mi' } },
          },
        ]),
      ),
    ).toEqual([
      'requests-within-limits | spec.components[0].resources.requests.memory: in dev, stage, prod: memory request 1536Mi is above its limit 1Gi (the rabbitmq default)',
    ]);
  });

  it('an in-block request above its limit is still caught, and an unparsable value is left to the schema', () => {
    expect(
      issuesOf(
        stack([
          {
            name: 'api',
            type: 'nodejs',
            resources: { requests: { cpu: 'lots' }, limits: { cpu: '1' } },
          },
        ]),
      ),
    ).toEqual([
      'quantity | spec.components[0].resources.requests.cpu: "lots" is not a Kubernetes quantity',
    ]);
  });

  it.each(Object.entries(COMPONENT_KINDS))(
    '%s: its default resources keep requests within limits',
    (_t, k) => {
      const r = k.defaults.resources ?? DEFAULT_RESOURCES;
      for (const key of ['cpu', 'memory'] as const) {
        expect(parseQuantity(r.requests[key])!).toBeLessThanOrEqual(
          parseQuantity(r.limits[key])!,
        );
      }
    },
  );
});
