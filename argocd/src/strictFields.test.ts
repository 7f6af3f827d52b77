import { unknownFields } from './strictFields';

describe('unknownFields (kinds without a vendored schema, from the models .d.ts)', () => {
  it('allows free-form maps (labels, annotations)', () => {
    const ns = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'a', labels: { anything: 'x' } },
    };
    expect(unknownFields(ns, 'kubernetes-models/v1/Namespace')).toEqual([]);
  });

  it('finds misspelt fields at any depth, which the schema validators let through', () => {
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'r', namespace: 'n' },
      rules: [{ apiGroups: [''], resources: ['pods'], verbz: ['get'] }],
      rule: [],
    };
    expect(
      unknownFields(
        role,
        'kubernetes-models/rbac.authorization.k8s.io/v1/Role',
      ),
    ).toEqual([
      'Role.rules[0].verbz is not a field of this kind',
      'Role.rule is not a field of this kind',
    ]);
  });
});
