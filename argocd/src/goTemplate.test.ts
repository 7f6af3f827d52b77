import { renderGoTemplate } from './goTemplate';

const params = {
  repository: 'Orders_API',
  environment: 'dev',
  labels: 'idp-managed,idp-system-commerce',
  values: { system: 'commerce' },
  flag: false,
};

describe('renderGoTemplate', () => {
  it('renders fields, nested fields and literal text', () => {
    expect(
      renderGoTemplate('{{ .values.system }}-{{ .environment }}', params),
    ).toBe('commerce-dev');
    expect(renderGoTemplate('no actions here', params)).toBe('no actions here');
  });

  it('pipes the previous value in as the last argument', () => {
    expect(
      renderGoTemplate(
        '{{ .repository | normalize }}-{{ .environment }}',
        params,
      ),
    ).toBe('orders-api-dev');
    expect(
      renderGoTemplate(
        '{{ .labels | regexFind "idp-system-[a-z0-9-]+" | trimPrefix "idp-system-" }}',
        params,
      ),
    ).toBe('commerce');
    expect(renderGoTemplate('{{ trimPrefix `idp-` "idp-x" }}', params)).toBe(
      'x',
    );
  });

  it('evaluates if/else/end with Go truthiness', () => {
    const t = '{{ if ne .environment "prod" }}auto{{ else }}manual{{ end }}';
    expect(renderGoTemplate(t, params)).toBe('auto');
    expect(renderGoTemplate(t, { ...params, environment: 'prod' })).toBe(
      'manual',
    );
    expect(renderGoTemplate('{{ if .flag }}yes{{ end }}', params)).toBe('');
    expect(renderGoTemplate('{{ if .values }}yes{{ end }}', params)).toBe(
      'yes',
    );
  });

  it('applies the trim markers to surrounding whitespace', () => {
    const t =
      'a:\n  {{- if eq .environment "dev" }}\n  b: 1\n  {{- end }}\nc: 2';
    expect(renderGoTemplate(t, params)).toBe('a:\n  b: 1\nc: 2');
    expect(renderGoTemplate(t, { ...params, environment: 'prod' })).toBe(
      'a:\nc: 2',
    );
    expect(renderGoTemplate('x  {{ .environment -}}  \n y', params)).toBe(
      'x  devy',
    );
  });

  it('fails on a missing key (missingkey=error)', () => {
    expect(() => renderGoTemplate('{{ .values.team }}', params)).toThrow(
      /map has no entry for key "team"/,
    );
    expect(() => renderGoTemplate('{{ .nope }}', params)).toThrow(
      /no entry for key "nope"/,
    );
  });

  it('fails loudly on syntax outside the supported subset', () => {
    for (const t of [
      '{{ range .x }}{{ end }}',
      '{{ $x := .environment }}',
      '{{ printf "%s" .environment }}',
      '{{ (normalize .repository) }}',
      '{{/* comment */}}',
      '{{ if .flag }}x{{ else if .flag }}y{{ end }}',
      '{{ if .flag }}unclosed',
      '{{ end }}',
      '{{ .environment .repository }}',
      '{{ . }}',
    ]) {
      expect(() => renderGoTemplate(t, params)).toThrow();
    }
  });

  it('refuses to print a map', () => {
    expect(() => renderGoTemplate('{{ .values }}', params)).toThrow(
      /only scalars/,
    );
  });
});
