import { Entity } from '@backstage/catalog-model';
import { matcherFor, parseSelector } from './applicationMatcher';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'x', annotations },
});
const app = (name: string, labels: Record<string, string>) =>
  ({ labels, health: { name } } as any);

describe('matcherFor', () => {
  it('uses the repo label from github.com/project-slug and exposes it for the index', () => {
    const m = matcherFor(entity({ 'github.com/project-slug': 'acme/pay' }))!;
    expect(m.repo).toBe('pay');
    expect(m.matches(app('pay-dev', { 'idp.platform/repo': 'pay' }))).toBe(
      true,
    );
    expect(m.matches(app('payx-dev', { 'idp.platform/repo': 'payx' }))).toBe(
      false,
    );
  });

  it('prefers argocd/app-selector with several terms, including !=', () => {
    const m = matcherFor(
      entity({
        'github.com/project-slug': 'acme/other',
        'argocd/app-selector':
          'idp.platform/repo=pay, idp.platform/environment!=prod',
      }),
    )!;
    expect(m.repo).toBeUndefined();
    expect(
      m.matches(
        app('a', {
          'idp.platform/repo': 'pay',
          'idp.platform/environment': 'dev',
        }),
      ),
    ).toBe(true);
    expect(
      m.matches(
        app('b', {
          'idp.platform/repo': 'pay',
          'idp.platform/environment': 'prod',
        }),
      ),
    ).toBe(false);
  });

  it('matches argocd/app-name lists and restricts to argocd/instance-name', () => {
    const m = matcherFor(
      entity({
        'argocd/app-name': 'a, b',
        'argocd/instance-name': 'main,edge',
      }),
    )!;
    expect(m.instances).toEqual(['main', 'edge']);
    expect(m.matches(app('b', {}))).toBe(true);
    expect(m.matches(app('c', {}))).toBe(false);
  });

  it('returns undefined for an entity without any of the annotations', () => {
    expect(matcherFor(entity({}))).toBeUndefined();
  });

  it('rejects a set-based selector, naming the annotation', () => {
    expect(() => parseSelector('env in (dev,prod)')).toThrow(
      /argocd\/app-selector: "env in \(dev" is not key=value/,
    );
  });
});
