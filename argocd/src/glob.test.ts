import { globMatch } from './glob';

describe('globMatch (Argo CD / gobwas semantics)', () => {
  it('matches the workloads destination patterns only for a non-empty system', () => {
    expect(globMatch('[a-z0-9]*-dev', 'payments-dev')).toBe(true);
    expect(globMatch('[a-z0-9]*-dev', 'a-b-c-dev')).toBe(true);
    expect(globMatch('[a-z0-9]*-dev', '-dev')).toBe(false);
    expect(globMatch('[a-z0-9]*-dev', 'payments-prod')).toBe(false);
    expect(globMatch('[a-z0-9]*-dev', 'payments-dev-x')).toBe(false);
  });

  it('lets * cross "/" only without a separator', () => {
    expect(
      globMatch('https://github.com/acme/*', 'https://github.com/acme/x/y'),
    ).toBe(true);
    expect(
      globMatch(
        'https://github.com/acme/*',
        'https://github.com/acme/x/y',
        '/',
      ),
    ).toBe(false);
    expect(
      globMatch('https://github.com/acme/*', 'https://github.com/acme/x', '/'),
    ).toBe(true);
    expect(
      globMatch('https://github.com/**', 'https://github.com/acme/x', '/'),
    ).toBe(true);
  });

  it('treats regex characters literally and supports ? and negated classes', () => {
    expect(globMatch('a.b', 'axb')).toBe(false);
    expect(globMatch('a.b', 'a.b')).toBe(true);
    expect(globMatch('a?c', 'abc')).toBe(true);
    expect(globMatch('[!x]y', 'xy')).toBe(false);
    expect(globMatch('[!x]y', 'zy')).toBe(true);
  });

  it('refuses syntax it does not implement', () => {
    expect(() => globMatch('{a,b}', 'a')).toThrow(/does not implement/);
    expect(() => globMatch('!kube-system', 'x')).toThrow(/does not implement/);
    expect(() => globMatch('[abc', 'a')).toThrow(/unclosed/);
  });
});
