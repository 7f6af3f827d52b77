import {
  goRegexpMatches,
  renderGoTemplate,
  runGoJobs,
} from './goTemplateEngine';

// Argo CD's engine (text/template + Sprig, applicationset/utils/utils.go), built
// from Debian's packages: these pin the behaviours our ApplicationSets rely on.
const params = {
  repository: 'Orders_API',
  environment: 'dev',
  labels: 'idp-managed,idp-system-commerce',
  values: { system: 'commerce' },
  flag: false,
};

describe("Argo CD's template engine", () => {
  it('renders fields, pipelines and Sprig functions', () => {
    expect(
      renderGoTemplate('{{ .values.system }}-{{ .environment }}', params),
    ).toBe('commerce-dev');
    expect(
      renderGoTemplate(
        '{{ .labels | regexFind "idp-system-[a-z0-9-]+" | trimPrefix "idp-system-" }}',
        params,
      ),
    ).toBe('commerce');
    // Sprig functions the old TypeScript subset refused now work as in Argo CD.
    expect(
      renderGoTemplate('{{ printf "%s-%s" .environment "x" | upper }}', params),
    ).toBe('DEV-X');
    expect(
      renderGoTemplate(
        '{{ range $i, $l := splitList "," .labels }}{{ if $i }};{{ end }}{{ $l }}{{ end }}',
        params,
      ),
    ).toBe('idp-managed;idp-system-commerce');
  });

  it("has Argo CD's normalize (SanitizeName)", () => {
    const n = (s: string) => renderGoTemplate('{{ normalize .s }}', { s });
    expect(n('My_Repo.Name')).toBe('my-repo.name');
    expect(n('--Repo--')).toBe('repo');
    expect(n('x'.repeat(300))).toHaveLength(253);
  });

  it('fails on a missing key with missingkey=error, renders <no value> without it', () => {
    expect(() => renderGoTemplate('{{ .values.team }}', params)).toThrow(
      /map has no entry for key "team"/,
    );
    expect(renderGoTemplate('{{ .nope }}', params, [])).toBe('<no value>');
  });

  it('does not offer the environment functions Argo CD removes', () => {
    for (const fn of ['env "HOME"', 'expandenv "$HOME"', 'getHostByName "x"'])
      expect(() => renderGoTemplate(`{{ ${fn} }}`, params)).toThrow(
        /function "\w+" not defined/,
      );
  });

  it('templates string values and map keys of a tree, and keeps other values', () => {
    const [tree] = runGoJobs([
      {
        tree: {
          name: '{{ .repository | normalize }}-{{ .environment }}',
          labels: { 'idp.platform/{{ .values.system }}': 'true' },
          replicas: 3,
          prune: true,
          list: ['{{ .environment }}', 1],
        },
        params,
        options: ['missingkey=error'],
      },
    ]);
    expect(tree).toEqual({
      name: 'orders-api-dev',
      labels: { 'idp.platform/commerce': 'true' },
      replicas: 3,
      prune: true,
      list: ['dev', 1],
    });
  });

  it("matches with Go's RE2 and names the filter of an invalid expression", () => {
    expect(
      goRegexpMatches([
        { pattern: '^idp-managed$', subject: 'idp-managed', where: 'a' },
        { pattern: '^idp-managed$', subject: 'not-idp-managed', where: 'b' },
        { pattern: '(?i)^SHOP$', subject: 'shop', where: 'c' },
      ]),
    ).toEqual([true, false, true]);
    expect(() =>
      goRegexpMatches([
        { pattern: 'a(?=b)', subject: 'ab', where: 'filters[0].labelMatch' },
      ]),
    ).toThrow(/^filters\[0\]\.labelMatch: error parsing regexp/);
  });
});
