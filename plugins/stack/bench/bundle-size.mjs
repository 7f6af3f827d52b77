/* eslint-disable no-console */
// Bundle size the plugin adds to an app, measured cheaply with esbuild (no
// app build). What every Backstage app already ships (react, @backstage/*,
// @material-ui/*, react-use, and zod, which @backstage/frontend-plugin-api
// already pulls in) stays external. Reported per load:
//  - startup: the `/alpha` entry the app imports, with its lazy imports
//    (tabs, card, form field) left out;
//  - each lazy piece on its own (what opening that tab downloads, shared
//    parts counted in each);
// and the same for @backstage/plugin-catalog-graph as the baseline.
//   node bench/bundle-size.mjs
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const external = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  'react-router',
  'react-router-dom',
  '@backstage/*',
  '@material-ui/*',
  '@mui/*',
  'react-use',
  'react-use/*',
  'zod',
  'zod/*',
];

// Keeps `import()` targets out of the bundle: they load later, on demand.
const lazyStaysOut = {
  name: 'lazy-stays-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, args =>
      args.kind === 'dynamic-import'
        ? { path: args.path, external: true }
        : undefined,
    );
  },
};

async function size(entry, { lazy = true } = {}) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    external,
    plugins: lazy ? [lazyStaysOut] : [],
    write: false,
    logLevel: 'error',
  });
  const bytes = result.outputFiles[0].contents;
  return { kB: bytes.length / 1024, gzipKB: gzipSync(bytes).length / 1024 };
}

const fmt = ({ kB, gzipKB }) =>
  `${kB.toFixed(1)} kB min, ${gzipKB.toFixed(1)} kB gzip`;
const src = p => join(here, '../src', p);
const graph = p =>
  join(
    dirname(require.resolve('@backstage/plugin-catalog-graph/package.json')),
    'dist',
    p,
  );

const rows = [
  ['stack: startup (alpha entry)', await size(src('alpha.ts'))],
  ['stack: startup (legacy index entry)', await size(src('index.ts'))],
  [
    'stack: topology tab',
    await size(src('components/EntityTopologyContent/index.ts')),
  ],
  [
    'stack: health tab',
    await size(src('components/EntityHealthContent/index.ts')),
  ],
  [
    'stack: builds tab',
    await size(src('components/EntityBuildsContent/index.ts')),
  ],
  [
    'stack: health card',
    await size(src('components/StackHealthCard/index.ts')),
  ],
  [
    'stack: designer field (model + generator)',
    await size(src('components/StackDesignerField/formField.ts')),
  ],
  ['catalog-graph: startup (alpha entry)', await size(graph('alpha.esm.js'))],
  [
    'catalog-graph: graph card',
    await size(graph('components/CatalogGraphCard/index.esm.js')),
  ],
];
for (const [label, s] of rows) console.log(`${label.padEnd(44)} ${fmt(s)}`);
const ours = rows[0][1].gzipKB + rows[2][1].gzipKB;
const base = rows[7][1].gzipKB + rows[8][1].gzipKB;
console.log(
  `startup + topology tab ${ours.toFixed(
    1,
  )} kB gzip vs catalog-graph startup + card ${base.toFixed(
    1,
  )} kB gzip: ratio ${(ours / base).toFixed(2)}`,
);
