/**
 * The day-2 repository of the browser tests, `acme/shop-api`, kept by the
 * scaffolder module's stateful git fake (FakeGithub: contents, git data,
 * pulls), so the portal edits and promotes it through GitHub's REST API as it
 * would a real one. Its files are what the golden path writes for its
 * stack.yaml: catalog-info.yaml (read by the catalog from a `url:`
 * location), the generated deploy/ tree, and image pins where dev runs
 * workflow run 1 (`sha('shop-api-dev')`, the revision of the fake Argo CD's
 * shop-api-dev) and stage and prod are not promoted yet.
 */
import {
  commitTag,
  generateCatalogEntities,
  generateManifests,
  imagePinsPath,
  parseStackYaml,
  pinnedImages,
  serializeCatalogEntities,
  setImagePin,
} from '@idp-stack/plugin-stack-common';
import { http, HttpResponse } from 'msw';
// The scaffolder module's git fake, shared with its own tests rather than copied.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  API,
  FakeGithub,
} from '../../scaffolder-backend-module-stack/src/__testUtils__/fakeGithub';
import { sha } from '../src/__testUtils__/argoFixtures';

export const SHOP_SLUG = 'acme/shop-api';

// Owned by payments-team, which the e2e portal's guest belongs to
// (e2e/stackPlugin.test.ts sets auth.providers.guest.ownershipEntityRefs).
const STACK_YAML = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: shop-api
  system: shop
  owner: group:payments-team
spec:
  components:
    - name: shop-api
      type: nodejs
    - name: db
      type: postgres
      databases:
        - name: app
  links:
    - from: shop-api
      to: db/app
  environments:
    prod:
      replicas: 3
`;

/** The files of main: stack.yaml, catalog-info.yaml, deploy/ with dev pinned to run 1. */
export function shopFiles(): Record<string, string> {
  const parsed = parseStackYaml(STACK_YAML);
  if (!parsed.ok) throw new Error(parsed.issues.map(i => i.message).join());
  const { stack } = parsed;
  const files: Record<string, string> = {
    'stack.yaml': STACK_YAML,
    // With the generated tags: the catalog layout test at 1280 px then
    // checks a Tags column too.
    'catalog-info.yaml': serializeCatalogEntities(
      generateCatalogEntities(stack, { org: 'acme' }),
    ),
  };
  for (const f of generateManifests(stack)) files[f.path] = f.content;
  const dev = imagePinsPath('dev');
  for (const image of pinnedImages(stack)) {
    files[dev] = setImagePin(files[dev], image.name, {
      newTag: commitTag(sha('shop-api-dev')),
    });
  }
  return files;
}

/**
 * The seeded fake, its msw handlers, and `GET /_e2e/github`: what the fake
 * received, for the test to assert (every call as "METHOD /path", and each
 * pull request with the paths its head changes against its parent commit).
 */
export function shopGithub() {
  const github = new FakeGithub();
  github.seed(SHOP_SLUG, {
    topics: ['idp-managed', 'idp-system-shop'],
    files: shopFiles(),
  });
  const inspect = http.get(`${API}/_e2e/github`, () =>
    HttpResponse.json({
      calls: github.calls,
      pulls: (github.pulls.get(SHOP_SLUG) ?? []).map(p => {
        const parents = github.commit(p.headSha)!.parents;
        const head = github.filesAt(p.headSha);
        const base = github.filesAt(parents[0]);
        const changed = [...new Set([...head.keys(), ...base.keys()])]
          .filter(path => head.get(path) !== base.get(path))
          .sort();
        return {
          ...p,
          parents,
          main: github.head(SHOP_SLUG, 'main')!.sha,
          changed,
          files: Object.fromEntries(
            changed.map(path => [path, head.get(path)]),
          ),
        };
      }),
    }),
  );
  return {
    github,
    handlers: [inspect, ...github.handlers()],
    origin: API,
    serves: (pathname: string) =>
      pathname === '/_e2e/github' ||
      pathname.startsWith(`/repos/${SHOP_SLUG}/`),
  };
}
