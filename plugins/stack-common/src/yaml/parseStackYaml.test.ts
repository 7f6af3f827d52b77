import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../testUtils/fixtures';
import { MAX_STACK_YAML_BYTES, parseStackYaml } from './parseStackYaml';

/** Nine levels of nine aliases each: 9^9 nodes if expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) {
    lines.push(
      `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\napiVersion: idp.platform/v1alpha1\n`;
}

describe('parseStackYaml bounds', () => {
  it('refuses an alias bomb as an issue naming the rule, without expanding it', () => {
    // expanded, this would take minutes and gigabytes
    const r = parseStackYaml(aliasBomb());
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          path: '(root)',
          rule: 'yaml-aliases',
          message:
            '(root): Excessive alias count indicates a resource exhaustion attack; at most 100 alias resolutions are allowed',
        },
      ],
    });
  });

  it('still accepts a few anchors and aliases', () => {
    const text = readFileSync(join(FIXTURES_DIR, 'single-node.yaml'), 'utf8')
      .replace('system: hello', 'system: &system hello')
      .replace('name: api', 'name: *system');
    const r = parseStackYaml(text);
    expect(r.ok && r.stack.spec.components[0].name).toBe('hello');
  });

  it('refuses a stack.yaml over the size limit before parsing it, saying the limit', () => {
    // valid YAML, so only the size can refuse it
    const big = `# ${'x'.repeat(MAX_STACK_YAML_BYTES)}\n`;
    const r = parseStackYaml(big);
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: '(root)',
        rule: 'yaml-size',
        message: `(root): stack.yaml is ${
          MAX_STACK_YAML_BYTES + 3
        } bytes; the limit is 524288 bytes (512 KiB)`,
      },
    ]);
  });

  it('counts bytes, not characters', () => {
    const third = Math.floor(MAX_STACK_YAML_BYTES / 3) + 1;
    const r = parseStackYaml(`# ${'€'.repeat(third)}`);
    expect(r.ok ? [] : r.issues.map(i => i.rule)).toEqual(['yaml-size']);
  });
});
