import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { generateManifests } from '../generator/generateManifests';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { makeStack } from '../../bench/makeStack';
import { MANIFEST_YAML, manifestYaml } from './manifestYaml';

const library = (v: unknown) => stringify(v, MANIFEST_YAML);

// Strings chosen to hit the library's quoting rules: YAML 1.2 core types, indicators,
// ": " and " #", document markers, escapes, trailing spaces, non-ASCII and long text.
const trickyString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'true',
    'False',
    'null',
    '~',
    'yes',
    'on',
    '0',
    '-1',
    '0x1F',
    '0o17',
    '1e3',
    '.5',
    '.inf',
    '-.Inf',
    '.nan',
    '2026-11-23',
    '12:30',
    'a: b',
    'a #b',
    'a#b',
    '#c',
    '- x',
    '-',
    '?',
    '? x',
    ':',
    'x:',
    '---',
    '--- x',
    '...',
    '%TAG',
    '*ref',
    '&a',
    '!tag',
    '|',
    '>',
    '"q"',
    "'s'",
    '{a}',
    '[b]',
    '@at',
    '`tick`',
    'a\tb',
    'tab\t',
    'trail ',
    ' lead',
    'line\nbreak',
    'ends\n',
    '\n',
    'a\r\nb',
    'nul\u0000',
    'bell\u0007',
    '\u00e9t\u00e9',
    '\u{1F680}',
    'a'.repeat(1100),
    'app.kubernetes.io/name',
    'http://svc:8080/api',
    '$(POSTGRES_HOST)',
    '*',
    '/',
    '50%',
    '100m',
    '256Mi',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      ':',
      '#',
      '-',
      '\n',
      '"',
      "'",
      '0',
      '.',
      '%',
    ),
  }),
);

const scalar = fc.oneof(
  trickyString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    1.5,
    Number.MAX_SAFE_INTEGER,
    Infinity,
    -Infinity,
    NaN,
  ),
  fc.boolean(),
  fc.constant(null),
);

const { value: document } = fc.letrec(tie => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('map')),
  list: fc.array(fc.oneof(tie('value'), fc.constant(undefined)), {
    maxLength: 4,
  }),
  map: fc.dictionary(
    trickyString,
    fc.oneof(tie('value'), fc.constant(undefined)),
    { maxKeys: 5 },
  ),
}));

describe('manifestYaml', () => {
  it('writes exactly what the yaml library writes, for random documents', () => {
    fc.assert(
      fc.property(
        fc.oneof(document, fc.dictionary(trickyString, document)),
        v => {
          expect(manifestYaml(v)).toBe(library(v));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('writes exactly what the yaml library writes, for every generated manifest', () => {
    const stacks = [...fixtureNames().map(loadFixture), makeStack(50)];
    let documents = 0;
    for (const stack of stacks) {
      for (const file of generateManifests(stack)) {
        for (const text of file.content.split(/^---\n/m)) {
          const object = parse(text);
          expect(manifestYaml(object)).toBe(library(object));
          documents++;
        }
      }
    }
    expect(documents).toBeGreaterThan(600);
  });

  it('lays out nested lists and maps the way the library does', () => {
    const v = {
      spec: {
        empty: {},
        none: [],
        ports: [
          { name: 'http', port: 8080 },
          { name: 'metrics', port: 9464 },
        ],
        matrix: [[1, 2], [], [{ a: 'x', b: ['y'] }], {}],
        skipped: undefined,
        note: 'line one\nline two',
      },
    };
    expect(manifestYaml(v)).toBe(library(v));
    expect(manifestYaml(v)).toContain(
      '  ports:\n    - name: http\n      port: 8080\n',
    );
    expect(manifestYaml(v)).toContain(
      '  matrix:\n    - - 1\n      - 2\n    - []\n    - - a: x\n        b:\n          - "y"\n    - {}\n',
    );
  });

  it('gives the same text when a value is seen again at another depth', () => {
    const quoted = { a: '123', b: { c: '123', d: ['123', { e: '123' }] } };
    expect(manifestYaml(quoted)).toBe(library(quoted));
    expect(manifestYaml(quoted).match(/"123"/g)).toHaveLength(4);
    const marker = { '---': 1, x: { '---': 2 } }; // quoted only at the top level
    expect(manifestYaml(marker)).toBe(library(marker));
  });
});
