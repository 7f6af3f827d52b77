import fc from 'fast-check';
import { stackOf } from '../testUtils/links';
import { policyMeaning } from '../testUtils/policyMeaning';
import { K8sObject } from './types';
import {
  allowEgress,
  allowIngress,
  mergeNetworkPolicies,
  namespacePeer,
  podPeer,
} from './networkPolicy';

const stack = stackOf({
  components: [
    { name: 'api', type: 'nodejs' },
    { name: 'db', type: 'postgres', databases: [{ name: 'app' }] },
  ],
});
const end = (name: string) => ({ name, type: 'nodejs' });
const peers = ['web', 'worker', 'cron', 'api'].map(n => podPeer(stack, end(n)));
const ports = [[5432], [8000, 5432], [3000]];

describe('mergeNetworkPolicies', () => {
  it('folds the policies of one pod group into `<pods>-allow`, one rule per port set', () => {
    const api = end('api');
    const merged = mergeNetworkPolicies([
      allowIngress(stack, api, 'api-from-web', [peers[0]], [3000]),
      allowIngress(stack, api, 'api-from-worker', [peers[1]], [3000]),
      allowIngress(
        stack,
        api,
        'api-from-ingress',
        [namespacePeer('traefik')],
        [3000],
      ),
      allowEgress(stack, api, 'api-to-db', [podPeer(stack, end('db'))], [5432]),
    ]);
    expect(merged).toHaveLength(1);
    expect(merged[0].metadata.name).toBe('api-allow');
    expect(merged[0].spec).toEqual({
      podSelector: {
        matchLabels: {
          'app.kubernetes.io/name': 'api',
          'app.kubernetes.io/part-of': stack.metadata.name,
        },
      },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        {
          from: [
            namespacePeer('traefik'),
            podPeer(stack, end('web')),
            podPeer(stack, end('worker')),
          ],
          ports: [{ protocol: 'TCP', port: 3000 }],
        },
      ],
      egress: [
        {
          to: [podPeer(stack, end('db'))],
          ports: [{ protocol: 'TCP', port: 5432 }],
        },
      ],
    });
  });

  it('keeps pod groups apart, other objects as they are, and a rule open to every peer whole', () => {
    const open: K8sObject = {
      ...allowIngress(stack, end('api'), 'api-open', [peers[0]], [80]),
    };
    (open.spec as any).ingress = [{ ports: [{ protocol: 'TCP', port: 80 }] }];
    const service: K8sObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'api' },
    };
    const merged = mergeNetworkPolicies([
      service,
      open,
      allowIngress(stack, end('api'), 'api-from-web', [peers[0]], [80]),
      allowIngress(stack, end('web'), 'web-from-api', [peers[3]], [80]),
    ]);
    expect(merged.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/api',
      'NetworkPolicy/api-open',
      'NetworkPolicy/api-allow',
      'NetworkPolicy/web-allow',
    ]);
    expect(merged[1]).toBe(open);
  });

  it('allows and isolates exactly what the separate policies did, in either order (fast-check)', () => {
    const policy = fc
      .record({
        pods: fc.constantFrom('api', 'db', 'web'),
        ingress: fc.boolean(),
        peers: fc.subarray(peers, { minLength: 1 }),
        ports: fc.constantFrom(...ports),
      })
      .map(({ pods, ingress, peers: ps, ports: pts }) =>
        (ingress ? allowIngress : allowEgress)(
          stack,
          end(pods),
          `${pods}-${ingress ? 'from' : 'to'}-${ps.length}`,
          ps,
          pts,
        ),
      );
    fc.assert(
      fc.property(fc.array(policy, { maxLength: 12 }), policies => {
        const merged = mergeNetworkPolicies(policies);
        expect(policyMeaning(merged)).toEqual(policyMeaning(policies));
        // Same policies whatever the order of the links that made them.
        const byName = (list: K8sObject[]) =>
          [...list].sort((a, b) =>
            a.metadata.name < b.metadata.name ? -1 : 1,
          );
        expect(byName(mergeNetworkPolicies([...policies].reverse()))).toEqual(
          byName(merged),
        );
        expect(new Set(merged.map(o => o.metadata.name)).size).toBe(
          merged.length,
        );
      }),
      { numRuns: 500 },
    );
  });
});
