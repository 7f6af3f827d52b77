import type { Stack } from '../../schema/stackSchema';
import { componentPort, labelsFor, selectorFor } from '../../model/resolve';
import type { Additions, GenerationContext } from '../../generator/types';
import { allowEgress, allowIngress } from '../../generator/networkPolicy';
import type { ServiceComponent } from './schema';

/**
 * Where the platform runs what consumes a service's telemetry
 * (argocd/applicationsets/platform.yaml: kube-prometheus-stack in
 * `monitoring`, the OpenTelemetry collector chart in `opentelemetry` with
 * `fullnameOverride: otel-collector`; release name = element name).
 * Pod labels as the pinned versions' sources set them (verified; the pins
 * and these labels are tied by argocd/src/platformApplicationSet.test.ts):
 * - Prometheus: kube-prometheus-stack 67.8.0 (prometheus-community/helm-charts
 *   tag kube-prometheus-stack-67.8.0, c678ad741b29) creates a Prometheus CR
 *   (`templates/prometheus/prometheus.yaml`, default `podMetadata: {}`) run
 *   by prometheus-operator v0.79.2 (its appVersion; prometheus-operator
 *   1d2dca5a93d5), whose StatefulSet pods carry `makeSelectorLabels`
 *   (`pkg/prometheus/server/operator.go`): `app.kubernetes.io/name:
 *   prometheus`, `app.kubernetes.io/instance`/`prometheus`/
 *   `operator.prometheus.io/name: <CR name>`. Alertmanager's pods are
 *   `alertmanager` (`pkg/alertmanager/operator.go`), the operator's
 *   `kube-prometheus-stack-prometheus-operator`, so only Prometheus matches.
 * - Collector: opentelemetry-collector 0.158.2 (open-telemetry/
 *   opentelemetry-helm-charts tag opentelemetry-collector-0.158.2,
 *   6f45815a2315), `templates/deployment.yaml` pod labels from
 *   `_helpers.tpl` `selectorLabels`: `app.kubernetes.io/name: <chart name>`
 *   (no nameOverride), `app.kubernetes.io/instance: <release>`, plus
 *   `component: standalone-collector`.
 * - Namespaces: the control plane labels every namespace
 *   `kubernetes.io/metadata.name: <name>`
 *   (https://kubernetes.io/docs/reference/labels-annotations-taints/#kubernetes-io-metadata-name).
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
