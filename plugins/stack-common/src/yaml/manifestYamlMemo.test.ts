import { stringify } from 'yaml';
import {
  forgetManifestYamlMemo,
  MANIFEST_YAML,
  manifestYaml,
  manifestYamlMemoBytes,
  MEMO_BUDGET_BYTES,
} from './manifestYaml';

describe('manifestYaml memo', () => {
  beforeEach(() => forgetManifestYamlMemo());

  it('stays within its byte budget after 11 MB of distinct values (was 212 MB retained)', () => {
    let input = 0;
    let peak = 0;
    for (let i = 0; input < 11 * 1024 * 1024; i++) {
      const doc = {
        [`key-${i}-${'k'.repeat(400)}`]: `value-${i}-${'v'.repeat(600)}`,
      };
      input += 1024;
      expect(manifestYaml(doc)).toBe(stringify(doc, MANIFEST_YAML));
      peak = Math.max(peak, manifestYamlMemoBytes());
    }
    expect(peak).toBeGreaterThan(MEMO_BUDGET_BYTES / 2);
    expect(peak).toBeLessThanOrEqual(MEMO_BUDGET_BYTES);
  });

  it('does not remember values longer than 1,024 characters', () => {
    const doc = { a: 'x'.repeat(5000) };
    expect(manifestYaml(doc)).toBe(stringify(doc, MANIFEST_YAML));
    expect(manifestYamlMemoBytes()).toBeLessThan(200);
  });
});
