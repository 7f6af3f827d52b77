import fs from 'node:fs';
import path from 'node:path';
import {
  CommittedPins,
  ENVIRONMENTS,
  GeneratedFile,
  generateManifests,
  imagePinsPath,
  IMMUTABLE_PIN_ENVIRONMENTS,
  MAX_STACK_YAML_BYTES,
  pinnedImages,
  pinRefIssue,
  readImagePins,
  renderedManifests,
  renderedManifestsPath,
  rendersManifests,
  setImagePin,
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

/** The pin files committed in `repo`: what deploy/rendered/ is rendered with. */
function committedPins(repo: Repository): CommittedPins {
  const pins: CommittedPins = {};
  for (const env of ENVIRONMENTS) {
    const file = imagePinsPath(env);
    if (repo.list(path.posix.dirname(file)).includes(file))
      pins[env] = repo.read(file);
  }
  return pins;
}

/**
 * Writes deploy/ below `outDir` and removes deploy/ files the stack no longer
 * produces. Everything is checked (no links, no '..') before the first change.
 * Image pins (`preserve`) are written only where absent, never rewritten; a
 * stack with `deploy.render: manifests` gets deploy/rendered/ from them.
 */
export function generate(file: string, outDir: string, io: Io): number {
  const repo = new Repository(outDir);
  const files = generateManifests(loadStack(file), committedPins(repo));
  const wanted = new Set(files.map(f => f.path));
  const existing = repo.list('deploy');
  const present = new Set(existing);
  const stale = existing.filter(p => !wanted.has(p));
  const written = files.filter(f => !(f.preserve && present.has(f.path)));
  for (const f of files) repo.resolve(f.path);
  for (const p of stale) repo.remove(p);
  for (const f of written) repo.write(f.path, f.content);
  const kept = files.length - written.length;
  io.out(
    `wrote ${written.length} files to ${path.join(outDir, 'deploy')}${
      kept > 0 ? ` (kept ${kept} image pin file${kept === 1 ? '' : 's'})` : ''
    }`,
  );
  return EXIT.ok;
}

/** Checks the committed image pins as data: format, and no mutable tag in stage/prod. */
function pinIssues(
  stack: Stack,
  repo: Repository,
  files: GeneratedFile[],
  dir: string,
): string[] {
  return files
    .filter(
      f => f.preserve && repo.list(path.posix.dirname(f.path)).includes(f.path),
    )
    .flatMap(f => {
      const env = f.path.split('/')[2];
      return readImagePins(stack, env, repo.read(f.path)).issues.map(
        i => `${path.join(dir, i.message)}  [${i.rule}]`,
      );
    });
}

/** Regenerates from `<dir>/stack.yaml` and reports how committed deploy/ differs. */
export function check(dir: string, io: Io): number {
  const repo = new Repository(dir);
  const stack = loadStack(path.join(dir, 'stack.yaml'));
  const pins = pinIssues(stack, repo, generateManifests(stack), dir);
  if (pins.length > 0) {
    throw new CliError(
      [`${dir}: image pins are invalid:`, ...pins.map(p => `  ${p}`)].join(
        '\n',
      ),
      EXIT.invalid,
    );
  }
  // deploy/rendered/ must match stack.yaml AND the committed pins.
  const files = generateManifests(stack, committedPins(repo));
  const committed = repo.list('deploy');
  const isCommitted = new Set(committed);
  const generated = new Map(files.map(f => [f.path, f.content]));
  const preserved = new Set(files.filter(f => f.preserve).map(f => f.path));
  const drift: string[] = [];
  for (const p of committed.filter(x => !generated.has(x)))
    drift.push(`only in ${dir}: ${p} (the stack no longer generates it)`);
  for (const [p, content] of generated) {
    if (!isCommitted.has(p)) {
      drift.push(`missing in ${dir}: ${p}`);
      continue;
    }
    if (preserved.has(p)) continue; // data the repository owns
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

/**
 * `stack pin <dir> <env> <component>=<tag|sha256:digest>...`: sets the image
 * pins of one environment, the only file it writes
 * (`deploy/overlays/<env>/images/kustomization.yaml`, created from the
 * generator's initial pins if absent), plus, for a stack with
 * `deploy.render: manifests`, that environment's
 * `deploy/rendered/<env>/manifests.yaml` re-rendered in the same run, so
 * the CI bump stays one commit. CI runs it to bump dev; stage and prod
 * refuse a mutable tag. `kustomize edit set image` is not used: it does not
 * edit a `kind: Component` reliably (kubernetes-sigs/kustomize#2761) and
 * kubectl's built-in kustomize has no `edit`.
 */
export function pin(
  dir: string,
  env: string,
  assignments: string[],
  io: Io,
): number {
  if (!(ENVIRONMENTS as readonly string[]).includes(env))
    throw new CliError(
      `pin: environment ${env} is not one of ${ENVIRONMENTS.join(', ')}`,
      EXIT.usage,
    );
  if (assignments.length === 0)
    throw new CliError(
      'pin needs at least one <component>=<tag|sha256:digest>',
      EXIT.usage,
    );
  const repo = new Repository(dir);
  const stack = loadStack(path.join(dir, 'stack.yaml'));
  const images = new Map(pinnedImages(stack).map(i => [i.component, i.name]));
  const file = imagePinsPath(env);
  let text = repo.list(path.posix.dirname(file)).includes(file)
    ? repo.read(file)
    : generateManifests(stack).find(f => f.path === file)!.content;
  for (const a of assignments) {
    const m = /^([^=]+)=(.+)$/.exec(a);
    const name = m && images.get(m[1]);
    if (!m || !name)
      throw new CliError(
        `pin: ${a} is not <component>=<tag|sha256:digest> for a component built from this repository (${[
          ...images.keys(),
        ].join(', ')})`,
        EXIT.usage,
      );
    const ref = m[2].startsWith('sha256:')
      ? { digest: m[2] }
      : { newTag: m[2] };
    const why = pinRefIssue(env, ref);
    if (why)
      throw new CliError(
        `pin: ${env} ${m[1]}: ${why}  [${
          IMMUTABLE_PIN_ENVIRONMENTS.includes(env) && why.includes('mutable')
            ? 'mutable-pin'
            : 'pin-format'
        }]`,
        EXIT.invalid,
      );
    text = setImagePin(text, name, ref);
  }
  // Rendered first, so a pin file the render refuses is not written either.
  const rendered = rendersManifests(stack)
    ? renderedManifests(stack, env as (typeof ENVIRONMENTS)[number], text)
    : undefined;
  repo.write(file, text);
  if (rendered !== undefined) repo.write(renderedManifestsPath(env), rendered);
  io.out(
    `${path.join(dir, file)}: pinned ${assignments.join(', ')}${
      rendered !== undefined
        ? ` (re-rendered ${renderedManifestsPath(env)})`
        : ''
    }`,
  );
  return EXIT.ok;
}
