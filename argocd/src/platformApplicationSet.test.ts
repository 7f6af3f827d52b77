import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { TELEMETRY } from '@idp-stack/plugin-stack-common';
import { GITOPS_ROOT } from './manifestFiles';
import { validateManifest } from './manifestSchemas';
import { applicationViolations } from './projectPolicy';
import { renderApplicationSet } from './renderApplicationSet';
import { gitopsObject, platformDir } from './testing/gitopsObjects';

const apps = renderApplicationSet(
  gitopsObject('ApplicationSet', 'platform'),
  {},
);
const project = gitopsObject('AppProject', 'platform');
const THIS_REPO = 'https://github.com/acme/idp-portal.git';

describe('the platform ApplicationSet', () => {
  it('renders one Application per platform component', () => {
    expect(apps.map(a => a.metadata.name)).toEqual([
      'platform-traefik',
      'platform-sealed-secrets',
      'platform-cloudnative-pg',
      'platform-rabbitmq-cluster-operator',
      'platform-external-secrets',
      'platform-minio',
      'platform-kube-prometheus-stack',
      'platform-opentelemetry-collector',
      'platform-portal',
    ]);
  });

  it.each(apps.map(a => [a.metadata.name, a] as const))(
    '%s is valid and allowed by the platform project',
    (_, app) => {
      expect(() => validateManifest(app)).not.toThrow();
      expect(applicationViolations(project, app)).toEqual([]);
      expect(app.spec.syncPolicy.automated).toEqual({
        prune: true,
        selfHeal: true,
      });
    },
  );

  it('takes chart values from this repo, and each values file pins the component to the platform node', () => {
    const fromCharts = apps.filter(a => a.spec.sources.length === 2);
    expect(fromCharts).toHaveLength(8);
    for (const app of fromCharts) {
      const [chart, values] = app.spec.sources;
      expect(chart.chart).toBeTruthy();
      expect(chart.targetRevision).toMatch(/^\d+\.\d+\.\d+$/);
      expect(values).toEqual({
        repoURL: THIS_REPO,
        targetRevision: 'main',
        ref: 'values',
      });
      const file = chart.helm.valueFiles[0].replace('$values/', '');
      const text = readFileSync(join(GITOPS_ROOT, '..', file), 'utf8');
      expect(text).toContain('idp.platform/node-role: platform');
      expect(text).toContain('key: idp.platform/dedicated');
      expect(() => parse(text)).not.toThrow();
    }
  });

  it('deploys the portal from its kustomization in this repo', () => {
    const portal = apps.find(a => a.metadata.name === 'platform-portal')!;
    expect(portal.spec.sources).toEqual([
      {
        repoURL: THIS_REPO,
        targetRevision: 'main',
        path: 'argocd/platform/portal',
      },
    ]);
    expect(existsSync(join(platformDir('portal'), 'kustomization.yaml'))).toBe(
      true,
    );
  });

  it('exposes Traefik on the host ports kind maps to 8880/8843', () => {
    const values = parse(
      readFileSync(join(platformDir('traefik'), 'values.yaml'), 'utf8'),
    );
    expect(values.ports.web.hostPort).toBe(80);
    expect(values.ports.websecure.hostPort).toBe(443);
  });

  it("runs Prometheus and the collector where the generated stacks' NetworkPolicies and OTLP endpoint point", () => {
    const app = (name: string) =>
      apps.find(a => a.metadata.name === `platform-${name}`)!;
    const values = (name: string) =>
      parse(readFileSync(join(platformDir(name), 'values.yaml'), 'utf8'));
    expect(app('kube-prometheus-stack').spec.destination.namespace).toBe(
      TELEMETRY.prometheus.namespace,
    );
    // Generated ServiceMonitors carry no release label: Prometheus must select them all.
    expect(
      values('kube-prometheus-stack').prometheus.prometheusSpec
        .serviceMonitorSelectorNilUsesHelmValues,
    ).toBe(false);
    expect(app('opentelemetry-collector').spec.destination.namespace).toBe(
      TELEMETRY.collector.namespace,
    );
    const collector = values('opentelemetry-collector');
    expect(collector.fullnameOverride).toBe(TELEMETRY.collector.service);
    expect(collector.mode).toBe('deployment');
  });

  it("selects the Prometheus and collector pods the pinned charts create, and no other pod there (labels cited in stack-common's observability.ts)", () => {
    // The labels below were read in these versions' sources: a bump must
    // verify them again.
    const pinned = (name: string, version: string) => {
      const source = apps.find(a => a.metadata.name === `platform-${name}`)!
        .spec.sources[0];
      expect([source.chart, source.targetRevision]).toEqual([name, version]);
      return source;
    };
    const values = (name: string) =>
      parse(readFileSync(join(platformDir(name), 'values.yaml'), 'utf8'));
    const matches = (selector: Record<string, string>, labels: object) =>
      Object.entries(selector).every(
        ([k, v]) => (labels as Record<string, string>)[k] === v,
      );
    const kps = pinned('kube-prometheus-stack', '67.8.0');
    const kpsValues = values('kube-prometheus-stack');
    expect(kpsValues.nameOverride).toBeUndefined();
    expect(kpsValues.fullnameOverride).toBeUndefined();
    expect(kpsValues.cleanPrometheusOperatorObjectNames).toBeUndefined();
    expect(kpsValues.prometheus.prometheusSpec.podMetadata).toBeUndefined();
    // _helpers.tpl: a release name containing the chart name is the full
    // name (cut at 26), and the Prometheus CR is "<fullname>-prometheus".
    const release = kps.helm.releaseName;
    expect(release).toContain('kube-prometheus-stack');
    const cr = `${release.slice(0, 26).replace(/-$/, '')}-prometheus`;
    // prometheus-operator v0.79.2 makeSelectorLabels + the shard label.
    const prometheusPod = {
      'app.kubernetes.io/managed-by': 'prometheus-operator',
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/instance': cr,
      'operator.prometheus.io/name': cr,
      prometheus: cr,
      'operator.prometheus.io/shard': '0',
    };
    const otherMonitoringPods = [
      {
        'app.kubernetes.io/managed-by': 'prometheus-operator',
        'app.kubernetes.io/name': 'alertmanager',
        'app.kubernetes.io/instance': `${release}-alertmanager`,
        alertmanager: `${release}-alertmanager`,
      },
      {
        app: 'kube-prometheus-stack-operator',
        'app.kubernetes.io/name': 'kube-prometheus-stack-prometheus-operator',
        'app.kubernetes.io/component': 'prometheus-operator',
        'app.kubernetes.io/instance': release,
      },
    ];
    expect(matches(TELEMETRY.prometheus.pods, prometheusPod)).toBe(true);
    for (const pod of otherMonitoringPods) {
      expect(matches(TELEMETRY.prometheus.pods, pod)).toBe(false);
    }

    const otel = pinned('opentelemetry-collector', '0.158.2');
    const otelValues = values('opentelemetry-collector');
    expect(otelValues.nameOverride).toBeUndefined();
    // _helpers.tpl selectorLabels + component for mode: deployment.
    const collectorPod = {
      'app.kubernetes.io/name': otel.chart,
      'app.kubernetes.io/instance': otel.helm.releaseName,
      component: 'standalone-collector',
    };
    expect(matches(TELEMETRY.collector.pods, collectorPod)).toBe(true);
  });
});
