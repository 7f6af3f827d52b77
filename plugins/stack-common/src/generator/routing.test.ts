import { parseAllDocuments } from 'yaml';
import { stackOf } from '../testUtils/links';
import { TELEMETRY } from '../componentTypes/workload/observability';
import { generateManifests } from './generateManifests';

const fromIngressPeers = (routing?: Record<string, unknown>) => {
  const stack = stackOf({
    ...(routing ? { routing } : {}),
    components: [
      { name: 'web', type: 'frontend' },
      { name: 'orders', type: 'nodejs' },
    ],
    links: [{ from: 'web', to: 'orders' }],
  });
  // Each workload's policy admits the controller's namespace on its port
  // (Prometheus' scrape is the other namespace peer: observability.test.ts).
  return generateManifests(stack)
    .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
    .filter(o => o.kind === 'NetworkPolicy')
    .flatMap(o =>
      (o.spec.ingress ?? []).flatMap((rule: any) =>
        rule.from
          .filter(
            (peer: any) =>
              peer.namespaceSelector &&
              peer.namespaceSelector.matchLabels[
                'kubernetes.io/metadata.name'
              ] !== TELEMETRY.prometheus.namespace,
          )
          .map((peer: any) => [
            o.metadata.name,
            peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name'],
            rule.ports,
          ]),
      ),
    );
};

describe('routing', () => {
  it('admits the platform Traefik namespace by default, for Ingress and Gateway API alike', () => {
    const expected = [
      ['orders-allow', 'traefik', [{ protocol: 'TCP', port: 3000 }]],
      ['web-allow', 'traefik', [{ protocol: 'TCP', port: 8080 }]],
    ];
    expect(fromIngressPeers()).toEqual(expected);
    expect(
      fromIngressPeers({ kind: 'gateway', gateway: 'traefik/public' }),
    ).toEqual(expected);
  });

  it('admits spec.routing.controllerNamespace instead when set', () => {
    expect(fromIngressPeers({ controllerNamespace: 'edge' })).toEqual([
      ['orders-allow', 'edge', [{ protocol: 'TCP', port: 3000 }]],
      ['web-allow', 'edge', [{ protocol: 'TCP', port: 8080 }]],
    ]);
  });
});
