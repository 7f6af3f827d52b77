import { unknownFields } from './strictFields';
import { gitopsObject } from './testing/gitopsObjects';

const ARGO = '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

describe('unknownFields', () => {
  it('accepts the real AppProject and ApplicationSet', () => {
    expect(
      unknownFields(
        gitopsObject('AppProject', 'finance'),
        `${ARGO}/AppProject`,
      ),
    ).toEqual([]);
    expect(
      unknownFields(
        gitopsObject('ApplicationSet', 'workloads'),
        `${ARGO}/ApplicationSet`,
      ),
    ).toEqual([]);
  });

  it('finds misspelt fields at any depth, which the schema validators let through', () => {
    const project = gitopsObject('AppProject', 'finance');
    const typo = {
      ...project,
      spec: {
        ...project.spec,
        syncWindow: [],
        destinations: [{ server: 'x', namespaces: 'y' }],
      },
    };
    expect(unknownFields(typo, `${ARGO}/AppProject`)).toEqual([
      'AppProject.spec.destinations[0].namespaces is not a field of this kind',
      'AppProject.spec.syncWindow is not a field of this kind',
    ]);
    const appset = gitopsObject('ApplicationSet', 'workloads');
    const scm = appset.spec.generators[0].matrix.generators[0].scmProvider;
    const bad = structuredClone(appset);
    bad.spec.generators[0].matrix.generators[0].scmProvider = {
      ...scm,
      filters: [{ labelMatch: 'x', pathExist: ['y'] }],
    };
    bad.metadata.labelz = {};
    expect(unknownFields(bad, `${ARGO}/ApplicationSet`)).toEqual([
      'ApplicationSet.metadata.labelz is not a field of this kind',
      'ApplicationSet.spec.generators[0].matrix.generators[0].scmProvider.filters[0].pathExist is not a field of this kind',
    ]);
  });

  it('allows free-form maps (labels, annotations) and the core types', () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'a', labels: { anything: 'x' } },
    };
    expect(unknownFields(ns, 'kubernetes-models/v1/Namespace')).toEqual([]);
  });
});
