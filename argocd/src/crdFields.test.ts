import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  AHEAD_OF_PINNED_ARGO_CD,
  ARGO_CD_CRDS,
  unknownCrdFields,
} from './crdFields';
import { validateManifest } from './manifestSchemas';
import { gitopsObject, gitopsObjects } from './testing/gitopsObjects';

const argoObjects = () =>
  gitopsObjects().filter(o => String(o.apiVersion).startsWith('argoproj.io/'));

describe('unknownCrdFields (Argo CD CRDs vendored at the pinned version)', () => {
  it('vendors the CRDs of the Argo CD version the infra chart installs', () => {
    // argo-helm's Chart.yaml of argo-cd 8.3.0 says appVersion v3.1.0.
    const APP_VERSION_OF_CHART: Record<string, string> = { '8.3.0': 'v3.1.0' };
    const variables = readFileSync(
      join(__dirname, '../../infra/variables.tf'),
      'utf8',
    );
    const chart =
      /variable "argocd_chart_version"[\s\S]*?default\s*=\s*"([^"]+)"/.exec(
        variables,
      )?.[1];
    expect(
      ARGO_CD_CRDS.endsWith(`argo-cd-${APP_VERSION_OF_CHART[chart!]}`),
    ).toBe(true);
    expect(readdirSync(ARGO_CD_CRDS).sort()).toEqual([
      'application-crd.yaml',
      'applicationset-crd.yaml',
      'appproject-crd.yaml',
    ]);
  });

  it('passes every ApplicationSet, AppProject and Application we ship, but for the fields listed as ahead of the pin', () => {
    const objects = argoObjects();
    expect(new Set(objects.map(o => o.kind))).toEqual(
      new Set(['AppProject', 'Application', 'ApplicationSet']),
    );
    expect(objects.flatMap(o => unknownCrdFields(o))).toEqual(
      Object.keys(AHEAD_OF_PINNED_ARGO_CD),
    );
    for (const o of objects) expect(() => validateManifest(o)).not.toThrow();
  });

  it('reports planted unknown fields at every depth with their path', () => {
    const project = structuredClone(gitopsObject('AppProject', 'finance'));
    project.spec.syncWindow = [];
    project.spec.destinations[0].namespaces = 'y';
    project.metadata.labelz = {};
    expect(unknownCrdFields(project).sort()).toEqual([
      'AppProject.metadata.labelz',
      'AppProject.spec.destinations[0].namespaces',
      'AppProject.spec.syncWindow',
    ]);

    const appset = structuredClone(gitopsObject('ApplicationSet', 'workloads'));
    const scm = appset.spec.generators[0].matrix.generators[0].scmProvider;
    scm.filters[0].pathExist = ['y'];
    appset.spec.template.spec.syncPolicy.automatedd = {};
    appset.spec.template.metadata.labels.anything = 'x';
    expect(
      unknownCrdFields(appset).filter(p => !AHEAD_OF_PINNED_ARGO_CD[p]),
    ).toEqual([
      'ApplicationSet.spec.generators[0].matrix.generators[0].scmProvider.filters[0].pathExist',
      'ApplicationSet.spec.template.spec.syncPolicy.automatedd',
    ]);
    expect(() => validateManifest(appset)).toThrow(
      /ApplicationSet\.spec\.template\.spec\.syncPolicy\.automatedd is not a field of this kind/,
    );
  });

  it('lets free-form maps and preserve-unknown-fields subtrees hold anything', () => {
    const app = structuredClone(gitopsObject('Application', 'root'));
    app.metadata.annotations = { 'any/key': 'x' };
    // helm.valuesObject: x-kubernetes-preserve-unknown-fields in the CRD
    app.spec.source.helm = { valuesObject: { any: { depth: [1] } } };
    app.spec.source.helmm = {};
    expect(unknownCrdFields(app)).toEqual(['Application.spec.source.helmm']);
  });
});
