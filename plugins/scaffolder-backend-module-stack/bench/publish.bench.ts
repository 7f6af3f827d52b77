/* eslint-disable no-console */
// Benchmark: pushing a golden-path repository through the GitHub Git Data API.
// Ours inlines every text file in one tree request; the baseline uploads one
// blob per file first (what most Git Data API pushers do). Both run in the same
// session against the same in-process fake of GitHub (msw), with GitHub's write
// pacing scaled down to 100 ms per write so the run stays short; wall time at
// GitHub's recommended 1 write/s is ~10x the paced numbers.
// Run: pnpm --filter @idp-stack/plugin-scaffolder-backend-module-stack bench
import {
  generateManifests,
  parseStackYaml,
  serializeStack,
} from '@idp-stack/plugin-stack-common';
import { setupServer } from 'msw/node';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeGithub } from '../src/__testUtils__/fakeGithub';
import { createOctokit } from '../src/github/createOctokit';
import { pushWorkspace } from '../src/github/pushWorkspace';
import { WorkspaceFile } from '../src/github/readWorkspaceFiles';

const ROOT = join(__dirname, '../../..');
const RUNS = 5;

function skeletonFiles(dir: string): WorkspaceFile[] {
  const out: WorkspaceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        out.push({
          path: relative(dir, full),
          content: readFileSync(full),
          executable: false,
        });
    }
  };
  walk(dir);
  return out;
}

/** The fullstack fixture's stack, manifests and the Node.js skeleton: a realistic first push. */
function workspace(): WorkspaceFile[] {
  const parsed = parseStackYaml(
    readFileSync(
      join(ROOT, 'plugins/stack-common/fixtures/fullstack.yaml'),
      'utf8',
    ),
  );
  if (!parsed.ok) throw new Error('fixture invalid');
  const generated = [
    { path: 'stack.yaml', content: serializeStack(parsed.stack) },
    ...generateManifests(parsed.stack),
  ].map(f => ({
    path: f.path,
    content: Buffer.from(f.content),
    executable: false,
  }));
  return [
    ...generated,
    ...skeletonFiles(join(ROOT, 'templates/nodejs-service/skeleton')),
  ].sort((a, b) => a.path.localeCompare(b.path));
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const files = workspace();
  const server = setupServer();
  server.listen({ onUnhandledRequest: 'error' });
  const quiet = () => {};
  const logger = {
    info: quiet,
    warn: quiet,
    error: quiet,
    debug: quiet,
    child: () => logger,
  } as any;
  const results: Record<
    string,
    { ms: number[]; requests: number; writes: number }
  > = {};
  for (const [label, blobPerFile] of [
    ['ours (text inline in one tree)', false],
    ['baseline (one blob per file)', true],
  ] as const) {
    const ms: number[] = [];
    let requests = 0;
    let writes = 0;
    for (let i = 0; i < RUNS; i++) {
      const github = new FakeGithub();
      server.resetHandlers(...github.handlers());
      github.seed('acme/shop');
      const octokit = createOctokit({
        token: 'bench',
        baseUrl: 'https://api.github.com',
        pacing: { writeIntervalMs: 100, retryBaseDelayMs: 1, retries: 3 },
        logger,
      });
      const start = performance.now();
      await pushWorkspace(octokit, {
        owner: 'acme',
        repo: 'shop',
        files,
        message: 'bench',
        keepExisting: false,
        justCreated: false,
        blobPerFile,
      });
      ms.push(performance.now() - start);
      if (github.files('acme/shop').size !== files.length)
        throw new Error('push incomplete');
      requests = github.calls.length;
      writes = github.calls.filter(c => !c.startsWith('GET')).length;
    }
    results[label] = { ms, requests, writes };
  }
  server.close();
  console.log(
    `${files.length} files, ${RUNS} runs each, 100 ms between writes\n`,
  );
  const base = results['baseline (one blob per file)'];
  for (const [label, r] of Object.entries(results)) {
    console.log(
      `${label.padEnd(32)} median ${median(r.ms)
        .toFixed(0)
        .padStart(6)} ms  requests ${String(r.requests).padStart(
        3,
      )}  writes ${String(r.writes).padStart(3)}  time ratio ${(
        median(r.ms) / median(base.ms)
      ).toFixed(3)}`,
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
