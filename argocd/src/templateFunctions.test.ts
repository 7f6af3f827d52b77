import {
  compileGoRegExp,
  normalize,
  templateFunctions,
} from './templateFunctions';

describe('template functions', () => {
  it('normalize behaves like Argo CD SanitizeName', () => {
    expect(normalize('My_Repo.Name')).toBe('my-repo.name');
    expect(normalize('--Repo--')).toBe('repo');
    expect(normalize('.a.')).toBe('a');
    expect(normalize('x'.repeat(300))).toHaveLength(253);
  });

  it('regexFind returns the first match or ""', () => {
    const { regexFind } = templateFunctions;
    expect(
      regexFind(
        'idp-system-[a-z0-9-]+',
        'idp-managed,idp-system-payments,team-a',
      ),
    ).toBe('idp-system-payments');
    expect(regexFind('idp-system-[a-z0-9-]+', 'idp-managed')).toBe('');
  });

  it('trimPrefix takes the prefix first, as in Sprig', () => {
    expect(
      templateFunctions.trimPrefix('idp-system-', 'idp-system-payments'),
    ).toBe('payments');
    expect(templateFunctions.trimPrefix('idp-system-', 'payments')).toBe(
      'payments',
    );
  });

  it('eq/ne compare same-typed scalars and refuse mixed types', () => {
    expect(templateFunctions.eq('prod', 'prod')).toBe(true);
    expect(templateFunctions.ne('dev', 'prod')).toBe(true);
    expect(() => templateFunctions.eq('1', 1)).toThrow(/incompatible types/);
  });

  it('checks arity and argument types', () => {
    expect(() => templateFunctions.trimPrefix('a')).toThrow(
      /wrong number of args/,
    );
    expect(() => templateFunctions.normalize(3)).toThrow(/expected string/);
  });

  it('refuses regular expressions whose meaning differs in RE2', () => {
    expect(() => compileGoRegExp('(?i)abc')).toThrow(/differs/);
    expect(() => compileGoRegExp('a(?=b)')).toThrow(/differs/);
    expect(compileGoRegExp('^idp-managed$').test('idp-managed')).toBe(true);
  });
});
