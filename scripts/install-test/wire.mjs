// Turns a fresh create-app app into one that installs with pnpm from the
// packed tarballs, and wires the plugins exactly as their READMEs'
// "Install into your Backstage" sections say. Used by scripts/install-test.sh.
//   node wire.mjs <app dir> <tarball dir>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [app, tarballs] = process.argv.slice(2).map(p => resolve(p));
const ROOT = resolve(import.meta.dirname, '../..');
const json = path => JSON.parse(readFileSync(join(app, path), 'utf8'));
const write = (path, text) => writeFileSync(join(app, path), text);
const writeJson = (path, value) =>
  write(path, `${JSON.stringify(value, null, 2)}\n`);

// Every @idp-stack package resolves to its tarball, also where one depends on
// another (`^0.1.0` of stack-common), as if they came from the registry.
const overrides = {};
for (const file of readdirSync(tarballs)) {
  const pkg = file.match(/^idp-stack-(.*)-\d+\.\d+\.\d+\.tgz$/);
  if (pkg) overrides[`@idp-stack/${pkg[1]}`] = `file:${join(tarballs, file)}`;
}
const VERSION = '^0.1.0';

// pnpm instead of the template's Yarn 4: the same layout as this repository
// (.npmrc: a hoisted node_modules, which Backstage's CLI expects).
const root = json('package.json');
delete root.packageManager;
// create-app pins the release through its yarn.lock seed, fetched from GitHub
// (unreachable here): without it `^` ranges float past Backstage 1.55 (e.g.
// plugin-signals-backend 0.3.21 needs a newer backend-defaults than 0.18.0).
// Each @backstage/* version create-app wrote is the release's: pin it.
for (const path of [
  'package.json',
  'packages/app/package.json',
  'packages/backend/package.json',
]) {
  const pkg = json(path);
  for (const deps of [pkg.dependencies, pkg.devDependencies]) {
    for (const [name, range] of Object.entries(deps ?? {})) {
      const version = /^\^(\d+\.\d+\.\d+)$/.exec(range)?.[1];
      if (name.startsWith('@backstage/') && version) overrides[name] = version;
    }
  }
}
// app-backend serves the frontend from `app`, found at node_modules/app: Yarn
// hoists workspaces there, pnpm links only what is declared (as in this repo).
root.dependencies = { ...root.dependencies, app: 'workspace:*' };
root.devDependencies['@idp-stack/stack-cli'] = VERSION;
root.pnpm = { overrides };
writeJson('package.json', root);
write('.npmrc', readFileSync(join(ROOT, '.npmrc'), 'utf8'));
// better-sqlite3 is not built again: install-test.sh copies this repository's
// build of the same version (no prebuilt binaries offline; compiling SQLite
// took 20 minutes on the shared cores).
write(
  'pnpm-workspace.yaml',
  readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
    .replace(
      /^packages:\n(  - .*\n)+/m,
      'packages:\n  - packages/*\n  - plugins/*\n',
    )
    .replace(/^  - better-sqlite3\n/m, ''),
);

// plugins/stack/README.md: `yarn --cwd packages/app add @idp-stack/plugin-stack`;
// the new frontend system discovers it (`app.packages: all`, create-app's default).
const appPkg = json('packages/app/package.json');
appPkg.dependencies['@idp-stack/plugin-stack'] = VERSION;
writeJson('packages/app/package.json', appPkg);

// The backend READMEs: one `yarn add` and one `backend.add(import(...))` each;
// the policy module instead of the allow-all policy.
const backendPkg = json('packages/backend/package.json');
const backendPlugins = [
  '@idp-stack/plugin-stack-backend',
  '@idp-stack/plugin-scaffolder-backend-module-stack',
  '@idp-stack/plugin-permission-backend-module-stack-policy',
];
for (const name of backendPlugins) backendPkg.dependencies[name] = VERSION;
writeJson('packages/backend/package.json', backendPkg);
const indexPath = 'packages/backend/src/index.ts';
let index = readFileSync(join(app, indexPath), 'utf8');
const allowAll =
  /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);/;
if (!allowAll.test(index))
  throw new Error(`${indexPath}: no allow-all policy to replace`);
index = index.replace(
  allowAll,
  "backend.add(import('@idp-stack/plugin-permission-backend-module-stack-policy'));",
);
index = index.replace(
  'backend.start();',
  [
    "backend.add(import('@idp-stack/plugin-stack-backend'));",
    "backend.add(import('@idp-stack/plugin-scaffolder-backend-module-stack'));",
    'backend.start();',
  ].join('\n'),
);
write(indexPath, index);

// The config the READMEs call required; nothing for Argo CD or GitHub, so the
// tabs must show the empty states that name those keys. create-app's guest
// user is in group `guests`. The locations list replaces create-app's, so it
// repeats its examples and adds a stack as the golden path registers it.
write(
  'examples/stack.yaml',
  readFileSync(join(ROOT, 'scripts/install-test/entities.yaml'), 'utf8'),
);
write(
  'app-config.local.yaml',
  `catalog:
  locations:
    - { type: file, target: ../../examples/entities.yaml }
    - { type: file, target: ../../examples/org.yaml, rules: [{ allow: [User, Group] }] }
    - { type: file, target: ../../examples/stack.yaml }
permission:
  enabled: true
  stackPolicy:
    platformGroup: group:default/guests
    approversGroup: group:default/guests
idp:
  github:
    allowedOwners: [acme]
`,
);
console.log(`wired ${Object.keys(overrides).join(', ')}`);
