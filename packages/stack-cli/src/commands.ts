import fs from 'node:fs';
import path from 'node:path';
import { generateManifests, parseStackYaml, Stack } from '@internal/plugin-stack-common';
import { lineDiff } from './diff';
import { listFiles } from './files';

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

function loadStack(file: string): Stack {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, EXIT.usage);
  }
  const r = parseStackYaml(text);
  if (!r.ok) {
    throw new CliError(
      [`${file} is not a valid stack (${r.issues.length} issue${r.issues.length === 1 ? '' : 's'}):`, ...r.issues.map(i => `  ${i.message}  [${i.rule}]`)].join('\n'),
      EXIT.invalid,
    );
  }
  return r.stack;
}

export function validate(file: string, io: Io): number {
  const stack = loadStack(file);
  io.out(`${file}: valid (${stack.spec.components.length} components, ${stack.spec.links?.length ?? 0} links)`);
  return EXIT.ok;
}

/** Writes deploy/ below `outDir` and removes deploy/ files the stack no longer produces. */
export function generate(file: string, outDir: string, io: Io): number {
  const files = generateManifests(loadStack(file));
  const wanted = new Set(files.map(f => f.path));
  for (const stale of listFiles(outDir, 'deploy').filter(p => !wanted.has(p))) {
    fs.rmSync(path.join(outDir, stale));
  }
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(outDir, f.path)), { recursive: true });
    fs.writeFileSync(path.join(outDir, f.path), f.content);
  }
  io.out(`wrote ${files.length} files to ${path.join(outDir, 'deploy')}`);
  return EXIT.ok;
}

/** Regenerates from `<dir>/stack.yaml` and reports how committed deploy/ differs. */
export function check(dir: string, io: Io): number {
  const files = generateManifests(loadStack(path.join(dir, 'stack.yaml')));
  const committed = listFiles(dir, 'deploy');
  const isCommitted = new Set(committed);
  const generated = new Map(files.map(f => [f.path, f.content]));
  const drift: string[] = [];
  for (const p of committed.filter(x => !generated.has(x))) drift.push(`only in ${dir}: ${p} (the stack no longer generates it)`);
  for (const [p, content] of generated) {
    if (!isCommitted.has(p)) {
      drift.push(`missing in ${dir}: ${p}`);
      continue;
    }
    const current = fs.readFileSync(path.join(dir, p), 'utf8');
    if (current !== content) drift.push(`--- ${p} (committed)`, `+++ ${p} (generated)`, ...lineDiff(current, content));
  }
  if (drift.length === 0) {
    io.out(`${dir}: deploy/ matches stack.yaml (${files.length} files)`);
    return EXIT.ok;
  }
  io.out(drift.join('\n'));
  io.err(`${dir}: deploy/ has drifted from stack.yaml; run \`stack generate ${path.join(dir, 'stack.yaml')} -o ${dir}\``);
  return EXIT.drift;
}
