import { generateManifests } from '../../generator/generateManifests';
import { parseAllDocuments } from 'yaml';
import { stackOf } from '../../testUtils/links';
import { schemaProblems } from '../../testUtils/kubeSchemas';
import { TELEMETRY } from './observability';

const stack = stackOf({
  components: [
    { name: 'api', type: 'nodejs' },
    { name: 'jobs', type: 'fastapi', port: 8080 },
    { name: 'web', type: 'frontend' },
  ],
});
const files = generateManifests(stack);
const objectsIn = (prefix: string) =>
  files
    .filter(f => f.path.startsWith(prefix) && f.path.endsWith('.yaml'))
    .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
    .filter(o => o && typeof o === 'object' && 'kind' in o);
const base = objectsIn('deploy/base/');
const find = (kind: string, name: string) =>
  base.find(o => o.kind === kind && o.metadata.name === name);

describe('service telemetry', () => {
  it.each(['api', 'jobs'])(
    '%s gets a ServiceMonitor valid against the prometheus-operator model that selects its Service and names its metrics port',
    name => {
      const monitor = find('ServiceMonitor', name);
      expect(schemaProblems(monitor, 30)).toEqual([]);
      // The model does check: a monitor without a selector is refused.
      expect(
        schemaProblems({ ...monitor, spec: { endpoints: [] } }, 30),
      ).not.toEqual([]);
      const service = find('Service', name);
      for (const [k, v] of Object.entries(
        monitor.spec.selector.matchLabels as Record<string, string>,
      ))
        expect(service.metadata.labels[k]).toBe(v);
      expect(monitor.spec.endpoints).toEqual([
        { port: 'http', path: '/metrics', interval: '30s' },
      ]);
      expect(service.spec.ports.map((p: any) => p.name)).toContain('http');
    },
  );

  it('a frontend (static files) gets no monitor, no OTLP wiring', () => {
    expect(find('ServiceMonitor', 'web')).toBeUndefined();
    const web = find('Deployment', 'web');
    expect(
      web.spec.template.spec.containers[0].env?.map((e: any) => e.name) ?? [],
    ).not.toContain('OTEL_SERVICE_NAME');
  });

  it('sets the OTLP endpoint and service name in base, the environment in each overlay', () => {
    const env = find('Deployment', 'jobs').spec.template.spec.containers[0]
      .env as { name: string; value: string }[];
    expect(env).toEqual(
      expect.arrayContaining([
        {
          name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
          value: 'http://otel-collector.opentelemetry.svc:4318',
        },
        { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
        { name: 'OTEL_SERVICE_NAME', value: 'jobs' },
      ]),
    );
    for (const e of ['dev', 'stage', 'prod']) {
      const patch = objectsIn(`deploy/overlays/${e}/patches/jobs-deployment`);
      expect(patch[0].spec.template.spec.containers[0].env).toContainEqual({
        name: 'OTEL_RESOURCE_ATTRIBUTES',
        value: `deployment.environment.name=${e},service.namespace=commerce`,
      });
    }
  });

  it('lets only Prometheus in on the service port and the OTLP export out to the collector', () => {
    // Policies are merged per pod group by the generator's layout: look at all of jobs'.
    const policies = base.filter(
      o =>
        o.kind === 'NetworkPolicy' &&
        o.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === 'jobs',
    );
    const ingress = policies.flatMap(p => p.spec.ingress ?? []);
    const egress = policies.flatMap(p => p.spec.egress ?? []);
    expect(ingress).toContainEqual({
      from: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' },
          },
          podSelector: { matchLabels: TELEMETRY.prometheus.pods },
        },
      ],
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    expect(egress).toContainEqual({
      to: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'opentelemetry' },
          },
          podSelector: { matchLabels: TELEMETRY.collector.pods },
        },
      ],
      ports: [{ protocol: 'TCP', port: 4318 }],
    });
    for (const p of policies) expect(schemaProblems(p, 30)).toEqual([]);
  });
});
