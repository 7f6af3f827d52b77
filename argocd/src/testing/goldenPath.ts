import {
  mkdtempSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'fs';
import { dirname, join } from 'path';
import {
  generateManifests,
  GeneratedFile,
  parseStackYaml,
  Stack,
} from '@idp-stack/plugin-stack-common';
import { InMemoryRepo } from '../inMemoryGithubOrg';

const FIXTURES = join(
  dirname(require.resolve('@idp-stack/plugin-stack-common/package.json')),
  'fixtures',
);

export interface GoldenPathStack {
  fixture: string;
  repo: string;
  system: string;
  parsed: Stack;
  files: GeneratedFile[];
}

/** The stack generator's fixture stacks, each with the files it generates. */
export function fixtureStacks(): GoldenPathStack[] {
  return readdirSync(FIXTURES)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(fixture => {
      const result = parseStackYaml(
        readFileSync(join(FIXTURES, fixture), 'utf8'),
      );
      if (!result.ok)
        throw new Error(`${fixture}: ${JSON.stringify(result.issues)}`);
      const { stack } = result;
      return {
        fixture,
        repo: stack.metadata.name,
        system: stack.metadata.system,
        parsed: stack,
        files: generateManifests(stack),
      };
    });
}

/**
 * The repository the golden path publishes for a stack: the generated tree plus
 * stack.yaml and catalog-info.yaml, tagged with `idp-managed` and
 * `idp-system-<system>` (docs/conventions.md).
 */
export function goldenPathRepo(stack: GoldenPathStack): InMemoryRepo {
  return {
    name: stack.repo,
    topics: ['idp-managed', `idp-system-${stack.system}`],
    files: ['stack.yaml', 'catalog-info.yaml', ...stack.files.map(f => f.path)],
  };
}

/** Writes the generated files to a fresh directory under `parent` (for `kubectl kustomize`). */
export function writeTree(files: GeneratedFile[], parent: string): string {
  const root = mkdtempSync(join(parent, 'tree-'));
  for (const f of files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.content);
  }
  return root;
}
