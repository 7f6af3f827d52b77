import { parseAllDocuments } from 'yaml';
import { stackOf } from '../testUtils/links';
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
  return generateManifests(stack)
    .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
    .filter(
      o =>
        o.kind === 'NetworkPolicy' && o.metadata.name.endsWith('-from-ingress'),
    )
    .map(o => [
      o.metadata.name,
      o.spec.ingress[0].from[0].namespaceSelector.matchLabels[
        'kubernetes.io/metadata.name'
      ],
    ]);
};

describe('routing', () => {
  it('admits the platform Traefik namespace by default, for Ingress and Gateway API alike', () => {
    const expected = [
      ['orders-from-ingress', 'traefik'],
      ['web-from-ingress', 'traefik'],
    ];
    expect(fromIngressPeers()).toEqual(expected);
    expect(
      fromIngressPeers({ kind: 'gateway', gateway: 'traefik/public' }),
    ).toEqual(expected);
  });

  it('admits spec.routing.controllerNamespace instead when set', () => {
    expect(fromIngressPeers({ controllerNamespace: 'edge' })).toEqual([
      ['orders-from-ingress', 'edge'],
      ['web-from-ingress', 'edge'],
    ]);
  });
});
