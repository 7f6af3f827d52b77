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
  it('matches the Applications labelled with the trusted repository, whatever the slug says', () => {
    const m = matcherFor(
      entity({ 'github.com/project-slug': 'acme/other' }),
      'pay',
    );
    expect(m.repo).toBe('pay');
    expect(m.matches(app('pay-dev', { 'idp.platform/repo': 'pay' }))).toBe(
      true,
    );
    expect(m.matches(app('other-dev', { 'idp.platform/repo': 'other' }))).toBe(
      false,
    );
  });

  it('lets argocd/app-selector narrow the repository, never widen it', () => {
    const m = matcherFor(
      entity({
        'argocd/app-selector':
          'idp.platform/repo=victim, idp.platform/environment!=prod',
      }),
      'pay',
    );
    const labels = (repo: string, env: string) => ({
      'idp.platform/repo': repo,
      'idp.platform/environment': env,
    });
    // The selector names another repository: nothing of it matches.
    expect(m.matches(app('v', labels('victim', 'dev')))).toBe(false);
    expect(m.matches(app('p', labels('pay', 'dev')))).toBe(false);

    const narrowed = matcherFor(
      entity({ 'argocd/app-selector': 'idp.platform/environment!=prod' }),
      'pay',
    );
    expect(narrowed.matches(app('a', labels('pay', 'dev')))).toBe(true);
    expect(narrowed.matches(app('b', labels('pay', 'prod')))).toBe(false);
  });

  it("matches argocd/app-name only among the repository's Applications and restricts to argocd/instance-name", () => {
    const m = matcherFor(
      entity({
        'argocd/app-name': 'a, victim-prod',
        'argocd/instance-name': 'main,edge',
      }),
      'pay',
    );
    expect(m.instances).toEqual(['main', 'edge']);
    expect(m.matches(app('a', { 'idp.platform/repo': 'pay' }))).toBe(true);
    expect(
      m.matches(app('victim-prod', { 'idp.platform/repo': 'victim' })),
    ).toBe(false);
    expect(m.matches(app('c', { 'idp.platform/repo': 'pay' }))).toBe(false);
  });

  it('rejects a set-based selector, naming the annotation', () => {
    expect(() => parseSelector('env in (dev,prod)')).toThrow(
      /argocd\/app-selector: "env in \(dev" is not key=value/,
    );
  });
});
