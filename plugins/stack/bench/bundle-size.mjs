// Bundle size the plugin adds to an app: esbuild-bundles the plugin's entry
// points the way the app's bundler would (ESM, minified, code splitting at
// the lazy imports), with what every Backstage app already ships (react,
// @backstage/*, @material-ui/*) left external. Baseline: the same for
// @backstage/plugin-catalog-graph, the graph plugin we compete with.
//   node bench/bundle-size.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const external = [
  'react', 'react-dom', 'react/*', 'react-dom/*', 'react-router', 'react-router-dom',
  '@backstage/*', '@material-ui/*', '@mui/*', 'react-use', 'react-use/*',
];

async function measure(label, entryPoints) {
  const outdir = mkdtempSync(join(tmpdir(), 'stack-bundle-'));
  try {
    const result = await build({
      entryPoints,
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      loader: { '.json': 'json' },
      external,
      outdir,
      metafile: true,
      write: true,
      logLevel: 'error',
    });
    const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
    const fs = await import('node:fs');
    let total = 0;
    let gzip = 0;
    let initial = 0;
    let initialGzip = 0;
    const chunks = [];
    for (const [file, meta] of outputs) {
      const bytes = fs.readFileSync(file);
      const gz = gzipSync(bytes).length;
      total += bytes.length;
      gzip += gz;
      if (meta.entryPoint) {
        initial += bytes.length;
        initialGzip += gz;
      }
      const top = Object.entries(meta.inputs)
        .map(([input, { bytesInOutput }]) => [input.replace(/.*node_modules\//, ''), bytesInOutput])
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([input, b]) => `${input.split('/').slice(0, 2).join('/')} ${(b / 1024).toFixed(0)}K`);
      chunks.push({ file: file.split('/').pop(), kB: +(bytes.length / 1024).toFixed(1), entry: Boolean(meta.entryPoint), top });
    }
    return { label, totalKB: +(total / 1024).toFixed(1), gzipKB: +(gzip / 1024).toFixed(1), entryKB: +(initial / 1024).toFixed(1), entryGzipKB: +(initialGzip / 1024).toFixed(1), chunks };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const ours = await measure('@internal/plugin-stack (index + alpha)', [
  join(here, '../src/index.ts'),
  join(here, '../src/alpha.ts'),
]);
const graphDir = dirname(require.resolve('@backstage/plugin-catalog-graph/package.json'));
const baseline = await measure('@backstage/plugin-catalog-graph (index + alpha)', [
  join(graphDir, 'dist/index.esm.js'),
  join(graphDir, 'dist/alpha.esm.js'),
]);
for (const r of [ours, baseline]) {
  console.log(`${r.label}: ${r.totalKB} kB min (${r.gzipKB} kB gzip) in all chunks; entry chunks ${r.entryKB} kB (${r.entryGzipKB} kB gzip)`);
  for (const c of r.chunks.sort((a, b) => b.kB - a.kB).slice(0, 6)) {
    console.log(`   ${c.entry ? 'entry' : 'lazy '} ${c.kB} kB  ${c.top.join(', ')}`);
  }
}
console.log(`ratio ours/baseline (gzip, all chunks): ${(ours.gzipKB / baseline.gzipKB).toFixed(2)}`);
