// Test helper (Node only): the fixture stacks in ../../fixtures.
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseStackYaml } from '../yaml/parseStackYaml';
import type { Stack } from '../schema/stackSchema';

export const FIXTURES_DIR = join(__dirname, '../../fixtures');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter(f => f.endsWith('.yaml'))
    .map(f => f.replace(/\.yaml$/, ''))
    .sort();
}

export function loadFixture(name: string): Stack {
  const r = parseStackYaml(
    readFileSync(join(FIXTURES_DIR, `${name}.yaml`), 'utf8'),
  );
  if (!r.ok)
    throw new Error(
      `fixture ${name} is invalid: ${r.issues.map(i => i.message).join('; ')}`,
    );
  return r.stack;
}
