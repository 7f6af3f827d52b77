import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, renameSync, statSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GITOPS_ROOT } from './manifestFiles';

/**
 * Argo CD's own template engine, run here: `argocd/gotemplate/main.go` is Go's
 * text/template with the Sprig function map and Argo CD's changes to it
 * (applicationset/utils/utils.go), built from Debian's `golang-go` and
 * `golang-github-masterminds-sprig-dev` (scripts/test.sh installs them). One
 * process per batch of jobs, so an ApplicationSet costs one spawn.
 */

export type Params = Record<string, unknown>;

export type GoJob =
  | { tree: unknown; params: Params; options: string[] }
  | { text: string; params: Params; options: string[] }
  | { match: string; subject: string };

const SOURCE = join(GITOPS_ROOT, 'gotemplate');
const BINARY = join(SOURCE, '.bin', 'gotemplate');
const GOPATH = '/usr/share/gocode'; // where Debian's golang-*-dev packages install

/**
 * Debian installs Sprig v3 and Semver v3 without the `/v3` directory their
 * import paths carry; a GOPATH of two links maps them (GOPATH mode, no
 * network, no go.sum).
 */
function gopathShim(): string {
  const shim = join(tmpdir(), 'idp-gotemplate-gopath');
  for (const pkg of ['sprig', 'semver']) {
    const dir = join(shim, 'src/github.com/Masterminds', pkg);
    mkdirSync(dir, { recursive: true });
    const link = join(dir, 'v3');
    if (!existsSync(link))
      try {
        symlinkSync(join(GOPATH, 'src/github.com/Masterminds', pkg), link);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
  }
  return shim;
}

function build(): void {
  if (!existsSync(join(GOPATH, 'src/github.com/Masterminds/sprig'))) {
    throw new Error(
      "Argo CD's template engine needs Go and Sprig: apt-get install golang-go golang-github-masterminds-sprig-dev (scripts/test.sh installs them)",
    );
  }
  mkdirSync(join(SOURCE, '.bin'), { recursive: true });
  // Parallel test workers may build at once: each writes its own file, the rename is atomic.
  const out = `${BINARY}.${process.pid}`;
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: SOURCE,
    env: {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH: `${gopathShim()}:${GOPATH}`,
      GOCACHE: join(tmpdir(), 'idp-gotemplate-gocache'),
      GOFLAGS: '',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  renameSync(out, BINARY);
}

let built = false;
function binary(): string {
  if (!built) {
    const stale =
      !existsSync(BINARY) ||
      statSync(BINARY).mtimeMs < statSync(join(SOURCE, 'main.go')).mtimeMs;
    if (stale) build();
    built = true;
  }
  return BINARY;
}

interface GoResult {
  value: unknown;
  error?: string;
}

/** Runs the jobs in one engine process; each answers a value or Argo CD's error message. */
function settle(jobs: GoJob[]): GoResult[] {
  if (jobs.length === 0) return [];
  const run = spawnSync(binary(), {
    input: JSON.stringify({ jobs }),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0)
    throw new Error(`gotemplate failed: ${run.stderr.toString().trim()}`);
  return (JSON.parse(run.stdout.toString()) as { results: GoResult[] }).results;
}

/** Runs the jobs in one engine process; the first job that fails throws with its message. */
export function runGoJobs(jobs: GoJob[]): unknown[] {
  return settle(jobs).map(r => {
    if (r.error) throw new Error(r.error);
    return r.value;
  });
}

/** One template string rendered as Argo CD's Render.Replace does with goTemplate: true. */
export function renderGoTemplate(
  text: string,
  params: Params,
  options: string[] = ['missingkey=error'],
): string {
  return runGoJobs([{ text, params, options }])[0] as string;
}

/**
 * Whether each subject matches its Go (RE2) regular expression, as the SCM
 * provider filters match; an invalid expression throws naming its `where`.
 */
export function goRegexpMatches(
  pairs: Array<{ pattern: string; subject: string; where: string }>,
): boolean[] {
  const results = settle(
    pairs.map(p => ({ match: p.pattern, subject: p.subject })),
  );
  return results.map((r, i) => {
    if (r.error) throw new Error(`${pairs[i].where}: ${r.error}`);
    return r.value as boolean;
  });
}
