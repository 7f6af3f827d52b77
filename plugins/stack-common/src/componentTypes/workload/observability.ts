import type { Stack } from '../../schema/stackSchema';
import { componentPort, labelsFor, selectorFor } from '../../model/resolve';
import type { Additions, GenerationContext } from '../../generator/types';
import { allowEgress, allowIngress } from '../../generator/networkPolicy';
import type { ServiceComponent } from './schema';

/**
 * Where the platform runs what consumes a service's telemetry
 * (argocd/platform: kube-prometheus-stack in `monitoring`, the OpenTelemetry
 * collector chart in `opentelemetry` with `fullnameOverride: otel-collector`).
 * Pod labels are the ones the Prometheus operator and the collector chart put
 * on their pods.
 */
export const TELEMETRY = {
  prometheus: {
    namespace: 'monitoring',
    pods: { 'app.kubernetes.io/name': 'prometheus' },
  },
  collector: {
    namespace: 'opentelemetry',
    service: 'otel-collector',
    pods: { 'app.kubernetes.io/name': 'opentelemetry-collector' },
    /** OTLP over HTTP: the Node skeleton's exporter speaks only this; Python is told so. */
    otlpHttpPort: 4318,
  },
} as const;

/** The golden-path skeletons serve Prometheus metrics here, on the `http` port. */
export const METRICS_PATH = '/metrics';

const peer = (t: { namespace: string; pods: Record<string, string> }) => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': t.namespace },
  },
  podSelector: { matchLabels: t.pods },
});

/**
 * A service's telemetry wiring: a ServiceMonitor scraping `/metrics` through
 * its Service's named `http` port (the Service already exists with stable
 * labels, so a ServiceMonitor needs no second selector of pods), the
 * OpenTelemetry SDK's standard variables (OTLP endpoint and protocol, service
 * name; the environment and system as resource attributes, per overlay), and
 * NetworkPolicies letting Prometheus in and the OTLP export out. Frontends
 * (static nginx) expose no metrics and get none of it.
 */
export function serviceTelemetry(
  stack: Stack,
  c: ServiceComponent,
  ctx: GenerationContext,
): Additions {
  if (c.type === 'frontend') return {};
  const { prometheus, collector } = TELEMETRY;
  const labels = labelsFor(stack, c);
  return {
    objects: [
      {
        component: c.name,
        object: {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'ServiceMonitor',
          metadata: { name: c.name, labels },
          spec: {
            selector: { matchLabels: selectorFor(stack, c.name) },
            endpoints: [{ port: 'http', path: METRICS_PATH, interval: '30s' }],
          },
        },
      },
      {
        component: c.name,
        object: allowIngress(
          stack,
          c,
          `${c.name}-from-prometheus`,
          [peer(prometheus)],
          [componentPort(c)],
        ),
      },
      {
        component: c.name,
        object: allowEgress(
          stack,
          c,
          `${c.name}-to-otel-collector`,
          [peer(collector)],
          [collector.otlpHttpPort],
        ),
      },
    ],
    env: [
      {
        component: c.name,
        vars: [
          {
            name: 'OTEL_EXPORTER_OTLP_ENDPOINT',
            value: `http://${collector.service}.${collector.namespace}.svc:${collector.otlpHttpPort}`,
          },
          { name: 'OTEL_EXPORTER_OTLP_PROTOCOL', value: 'http/protobuf' },
          { name: 'OTEL_SERVICE_NAME', value: c.name },
        ],
      },
      ...ctx.environments.map(e => ({
        component: c.name,
        environment: e.name,
        vars: [
          {
            name: 'OTEL_RESOURCE_ATTRIBUTES',
            value: [
              `deployment.environment.name=${e.name}`,
              `service.namespace=${stack.metadata.system}`,
            ].join(','),
          },
        ],
      })),
    ],
  };
}
