import fs from 'node:fs';
import path from 'node:path';
import {
  generateManifests,
  MAX_STACK_YAML_BYTES,
  parseStackYaml,
  Stack,
  StackIssue,
  stackYamlSizeIssue,
} from '@idp-stack/plugin-stack-common';
// The registry only: the package index also loads the Kubernetes schema models.
// gitops is private and compiled into this package's build (`backstage.inline`
// in argocd/package.json). Backstage's rule wants inline packages undeclared,
// which works with Yarn's hoisting; pnpm links only declared packages, so it is
// a devDependency (never in the packed package.json).
// eslint-disable-next-line @backstage/no-undeclared-imports
import {
  readSystemRegistry,
  systemPolicyWarnings,
} from '@idp-stack/gitops/tenancy';
import { lineDiff } from './diff';
import { Repository } from './repository';

/** Exit codes (documented in README and --help). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, drift: 3 } as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

function invalid(file: string, issues: StackIssue[]): CliError {
  return new CliError(
    [
      `${file} is not a valid stack (${issues.length} issue${
        issues.length === 1 ? '' : 's'
      }):`,
      ...issues.map(i => `  ${i.message}  [${i.rule}]`),
    ].join('\n'),
    EXIT.invalid,
  );
}

/** Reads a stack.yaml that is a regular file (not a link), its size checked before it is read. */
function loadStack(file: string): Stack {
  let text: string;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const { size } = fs.fstatSync(fd);
    if (size > MAX_STACK_YAML_BYTES)
      throw invalid(file, [stackYamlSizeIssue(size)]);
    text = fs.readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    // O_NOFOLLOW makes open fail with ELOOP on a symbolic link.
    const why =
      code === 'ELOOP'
        ? 'it is a symbolic link; stack follows no links'
        : code ?? (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`, EXIT.usage);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  const r = parseStackYaml(text);
  if (!r.ok) throw invalid(file, r.issues);
  return r.stack;
}

/**
 * With `systems` (the registry folder, argocd/systems), also warns on stderr
 * where the stack's system registration does not carry what the stack
 * declares; warnings do not change the exit code.
 */
export function validate(file: string, io: Io, systems?: string): number {
  const stack = loadStack(file);
  io.out(
    `${file}: valid (${stack.spec.components.length} components, ${
      stack.spec.links?.length ?? 0
    } links)`,
  );
  if (systems !== undefined) {
    let registry;
    try {
      registry = readSystemRegistry(systems);
    } catch (e) {
      throw new CliError(
        `cannot read the system registry ${systems}: ${(e as Error).message}`,
        EXIT.usage,
      );
    }
    for (const w of systemPolicyWarnings(stack, registry))
      io.err(`warning: ${w}`);
  }
  return EXIT.ok;
}

/**
 * Writes deploy/ below `outDir` and removes deploy/ files the stack no longer
 * produces. Everything is checked (no links, no '..') before the first change.
 */
export function generate(file: string, outDir: string, io: Io): number {
  const files = generateManifests(loadStack(file));
  const repo = new Repository(outDir);
  const wanted = new Set(files.map(f => f.path));
  const stale = repo.list('deploy').filter(p => !wanted.has(p));
  for (const f of files) repo.resolve(f.path);
  for (const p of stale) repo.remove(p);
  for (const f of files) repo.write(f.path, f.content);
  io.out(`wrote ${files.length} files to ${path.join(outDir, 'deploy')}`);
  return EXIT.ok;
}

/** Regenerates from `<dir>/stack.yaml` and reports how committed deploy/ differs. */
export function check(dir: string, io: Io): number {
  const repo = new Repository(dir);
  const files = generateManifests(loadStack(path.join(dir, 'stack.yaml')));
  const committed = repo.list('deploy');
  const isCommitted = new Set(committed);
  const generated = new Map(files.map(f => [f.path, f.content]));
  const drift: string[] = [];
  for (const p of committed.filter(x => !generated.has(x)))
    drift.push(`only in ${dir}: ${p} (the stack no longer generates it)`);
  for (const [p, content] of generated) {
    if (!isCommitted.has(p)) {
      drift.push(`missing in ${dir}: ${p}`);
      continue;
    }
    const current = repo.read(p);
    if (current !== content)
      drift.push(
        `--- ${p} (committed)`,
        `+++ ${p} (generated)`,
        ...lineDiff(current, content),
      );
  }
  if (drift.length === 0) {
    io.out(`${dir}: deploy/ matches stack.yaml (${files.length} files)`);
    return EXIT.ok;
  }
  io.out(drift.join('\n'));
  io.err(
    `${dir}: deploy/ has drifted from stack.yaml; run \`stack generate ${path.join(
      dir,
      'stack.yaml',
    )} -o ${dir}\``,
  );
  return EXIT.drift;
}
