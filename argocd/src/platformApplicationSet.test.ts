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
});
