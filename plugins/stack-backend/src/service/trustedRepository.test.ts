import { Entity } from '@backstage/catalog-model';
import { stackFilePath, trustedRepository } from './trustedRepository';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});

describe('trustedRepository', () => {
  it('takes the repository from the url: location the catalog ingested, not from the annotations', () => {
    expect(
      trustedRepository(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/Acme/pay/blob/main/catalog-info.yaml',
          'github.com/project-slug': 'acme/victim',
          'backstage.io/source-location':
            'url:https://github.com/other-org/secret/tree/main/',
        }),
        ['acme'],
      ),
    ).toEqual({ host: 'github.com', org: 'Acme', repo: 'pay', ref: 'main' });
  });

  it('trusts the slug of entities from file: locations (only app-config can add them)', () => {
    expect(
      trustedRepository(
        entity({
          'backstage.io/managed-by-location': 'file:/portal/examples/x.yaml',
          'github.com/project-slug': 'acme/payments',
        }),
        ['acme'],
      ),
    ).toEqual({ host: 'github.com', org: 'acme', repo: 'payments' });
  });

  it('refuses a repository outside stack.github.organizations, naming the key', () => {
    expect(() =>
      trustedRepository(
        entity({
          'backstage.io/managed-by-location':
            'url:https://github.com/other-org/secret/blob/main/catalog-info.yaml',
        }),
        ['acme'],
      ),
    ).toThrow(
      /repository other-org\/secret of entity component:default\/x is not in an organisation of stack.github.organizations \(acme\)/,
    );
  });

  it('refuses an entity without a location', () => {
    expect(() =>
      trustedRepository(entity({ 'github.com/project-slug': 'acme/pay' }), [
        'acme',
      ]),
    ).toThrow(/was not ingested from a repository/);
  });
});

describe('stackFilePath', () => {
  it('keeps the stack file inside the repository', () => {
    expect(stackFilePath(entity({}), 'stack.yaml')).toBe('stack.yaml');
    expect(
      stackFilePath(
        entity({ 'idp.platform/stack-file': '/deploy/stack.yaml' }),
        'stack.yaml',
      ),
    ).toBe('deploy/stack.yaml');
    expect(() =>
      stackFilePath(
        entity({ 'idp.platform/stack-file': '../../other/stack.yaml' }),
        'stack.yaml',
      ),
    ).toThrow(/must be a path inside the repository/);
  });
});
