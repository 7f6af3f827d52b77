import { applicationViolations } from './projectPolicy';
import { gitopsProjects, refusalsOf } from './previewWorkloads';
import {
  renderApplicationSet,
  RenderedApplication,
} from './renderApplicationSet';
import { validateManifest } from './manifestSchemas';
import { inMemoryGithubOrg, InMemoryRepo } from './inMemoryGithubOrg';
import { fixtureStacks, goldenPathRepo } from './testing/goldenPath';
import { gitopsObject } from './testing/gitopsObjects';

const ENVIRONMENTS = ['dev', 'stage', 'prod'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const stacks = fixtureStacks();
const golden = stacks.map(goldenPathRepo);
const [first] = golden;
const negatives: InMemoryRepo[] = [
  { ...first, name: 'no-topic', topics: [`idp-system-x`] },
  {
    ...first,
    name: 'no-dev-overlay',
    files: first.files.filter(f => !f.startsWith('deploy/overlays/dev/')),
  },
  { ...first, name: 'archived', archived: true },
  {
    ...first,
    name: 'lookalike-topic',
    topics: ['idp-managed-legacy', 'idp-system-x'],
  },
];
const unnamedSystem: InMemoryRepo = {
  ...first,
  name: 'no-system-topic',
  topics: ['idp-managed'],
};
// Regression: an unanchored match read `not-idp-system-<system>` as `<system>`.
const unanchored: InMemoryRepo = {
  ...first,
  name: 'unanchored-topic',
  topics: ['idp-managed', `not-idp-system-${stacks[0].system}`],
};
// Tags itself into a registered system without being registered there.
const intruder: InMemoryRepo = {
  ...first,
  name: 'intruder',
  topics: ['idp-managed', `idp-system-${stacks[0].system}`],
};
// Not normalised: two such names could normalise to one Application name.
const oddName: InMemoryRepo = { ...first, name: 'Billing_Reports' };
// stack.yaml `deploy.render: manifests`: the overlays stay, deploy/rendered/<env> is added.
const renderedPaths = ENVIRONMENTS.map(
  e => `deploy/rendered/${e}/manifests.yaml`,
);
const renderedRepo: InMemoryRepo = {
  ...first,
  name: 'rendered-stack',
  files: [...first.files, ...renderedPaths],
};
// Rendered manifests only (no overlays left): still listed, by the second generator.
const renderedOnly: InMemoryRepo = {
  ...first,
  name: 'rendered-only',
  files: [
    ...first.files.filter(f => !f.startsWith('deploy/overlays/')),
    ...renderedPaths,
  ],
};
const repos = [
  ...golden,
  ...negatives,
  unnamedSystem,
  unanchored,
  intruder,
  oddName,
  renderedRepo,
  renderedOnly,
];

const appset = gitopsObject('ApplicationSet', 'workloads');
const projects = gitopsProjects();
let org: ReturnType<typeof inMemoryGithubOrg>;
const apps: RenderedApplication[] = renderApplicationSet(appset, {
  github: (organization, options) => {
    org = inMemoryGithubOrg(organization, repos, options);
    return org;
  },
});
const appsOf = (repo: string) =>
  apps.filter(a => a.metadata.labels?.['idp.platform/repo'] === repo);

describe('the workloads ApplicationSet over the golden-path repositories', () => {
  it('puts the topic and the path into one filter entry per layout (ANDed, topic checked first), the layouts disjoint', () => {
    const [overlays, renderedScm] = appset.spec.generators.map(
      (g: any) => g.matrix.generators[0].scmProvider,
    );
    const topic = {
      repositoryMatch: '^[a-z0-9]([-a-z0-9]{0,55}[a-z0-9])?$',
      labelMatch: '^idp-managed$',
    };
    expect(overlays.filters).toEqual([
      {
        ...topic,
        pathsExist: ['deploy/overlays/dev'],
        pathsDoNotExist: ['deploy/rendered/dev'],
      },
    ]);
    expect(renderedScm.filters).toEqual([
      { ...topic, pathsExist: ['deploy/rendered/dev'] },
    ]);
    for (const scm of [overlays, renderedScm]) {
      expect(scm.cloneProtocol).toBe('https');
      expect(scm.github).toMatchObject({
        organization: 'acme',
        excludeArchivedRepos: true,
      });
    }
    // Same organisation, token and topic: only the layout differs.
    expect({ ...overlays, filters: [], values: {} }).toEqual({
      ...renderedScm,
      filters: [],
      values: {},
    });
  });

  it('reads a repository with deploy/rendered/<env> from there (a Directory source) and every other one from its overlay, one Application per repository and environment', () => {
    for (const repo of [renderedRepo, renderedOnly]) {
      const generated = appsOf(repo.name);
      expect(generated.map(a => [a.metadata.name, a.spec.source.path])).toEqual(
        ENVIRONMENTS.map(e => [`${repo.name}-${e}`, `deploy/rendered/${e}`]),
      );
      // Argo CD's tool detection reads a directory without kustomization.yaml as plain manifests.
      for (const app of generated)
        expect(
          repo.files.filter(f => f.startsWith(`${app.spec.source.path}/`)),
        ).toEqual([`${app.spec.source.path}/manifests.yaml`]);
    }
    for (const repo of golden)
      expect(appsOf(repo.name).map(a => a.spec.source.path)).toEqual(
        ENVIRONMENTS.map(e => `deploy/overlays/${e}`),
      );
    const perRepoEnv = apps.map(
      a =>
        `${a.metadata.labels?.['idp.platform/repo']}/${a.metadata.labels?.['idp.platform/environment']}`,
    );
    expect(new Set(perRepoEnv).size).toBe(perRepoEnv.length);
  });

  it('scans the acme organisation over https and only spends API calls on topic-tagged repos', () => {
    expect(apps[0].spec.source.repoURL).toMatch(
      /^https:\/\/github\.com\/acme\//,
    );
    // Per generator (org is the last one's): no-topic and lookalike-topic fail the free topic check, Billing_Reports the free name
    // check; archived never makes the list.
    expect(org.calls.getBranch).toBe(repos.length - 4);
  });

  it.each(stacks.map(s => [s.fixture, s] as const))(
    '%s: one Application per environment, as conventions say',
    (_, stack) => {
      const tree = goldenPathRepo(stack).files;
      const generated = appsOf(stack.repo);
      expect(generated.map(a => a.metadata.name)).toEqual(
        ENVIRONMENTS.map(e => `${stack.repo}-${e}`),
      );
      for (const [i, app] of generated.entries()) {
        const env = ENVIRONMENTS[i];
        expect(app.metadata.labels).toEqual({
          'idp.platform/repo': stack.repo,
          'idp.platform/environment': env,
          'idp.platform/system': stack.system,
        });
        // The system's own AppProject, rendered from argocd/systems/<system>.yaml.
        expect(app.spec.project).toBe(stack.system);
        expect(tree).toContain(`deploy/overlays/${env}/kustomization.yaml`);
        expect(app.spec.destination).toEqual({
          server: 'https://kubernetes.default.svc',
          namespace: `${stack.system}-${env}`,
        });
        // The platform creates the namespace; the Application never does.
        expect(app.spec.syncPolicy.syncOptions).not.toContain(
          'CreateNamespace=true',
        );
        expect(app.spec.syncPolicy.managedNamespaceMetadata).toBeUndefined();
        expect(refusalsOf(app, projects)).toEqual([]);
        expect(() => validateManifest(app)).not.toThrow();
      }
    },
  );

  it("asks for automated sync everywhere; the system project's windows hold prod for a person", () => {
    for (const app of appsOf(first.name)) {
      expect(app.spec.syncPolicy.automated).toEqual({
        prune: true,
        selfHeal: true,
      });
      expect(app.spec.syncPolicy.retry.limit).toBe(5);
    }
    // syncWindows.test.ts evaluates these windows with Argo CD's CanSync logic.
    const prodDeny = (
      projects.get(stacks[0].system) as any
    ).spec.syncWindows.filter(
      (w: any) =>
        w.kind === 'deny' &&
        w.manualSync &&
        w.namespaces?.includes(`${stacks[0].system}-prod`),
    );
    expect(prodDeny.length).toBeGreaterThan(0);
  });

  it('keeps workloads when an Application goes away: no cascading finalizer, no deletion by the set', () => {
    expect(apps.every(a => a.metadata.finalizers === undefined)).toBe(true);
    expect(appset.spec.syncPolicy).toEqual({
      applicationsSync: 'create-update',
      preserveResourcesOnDeletion: true,
    });
  });

  it('gives every Application a unique name that is a valid DNS label', () => {
    const names = apps.map(a => a.metadata.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) {
      expect(n).toMatch(DNS_LABEL);
      expect(n.length).toBeLessThanOrEqual(63);
    }
  });

  it('lists no repository whose name is not normalised, so two names can never clash (regression)', () => {
    expect(appsOf('Billing_Reports')).toEqual([]);
    // Before: Payments_API and payments-api both rendered payments-api-dev.
    const clash = {
      ...first,
      name: first.name.toUpperCase().replace(/-/g, '_'),
    };
    const both = renderApplicationSet(appset, {
      github: (o, opts) => inMemoryGithubOrg(o, [first, clash], opts),
    });
    expect(both.map(a => a.metadata.name)).toEqual(
      ENVIRONMENTS.map(e => `${first.name}-${e}`),
    );
    expect(
      both.every(a => a.metadata.labels?.['idp.platform/repo'] === first.name),
    ).toBe(true);
    // The longest listed name still leaves room for `-stage` in 63 characters.
    const long = { ...first, name: 'a'.repeat(57) };
    const tooLong = { ...first, name: 'b'.repeat(58) };
    const rendered = renderApplicationSet(appset, {
      github: (o, opts) => inMemoryGithubOrg(o, [long, tooLong], opts),
    });
    expect(rendered.map(a => a.metadata.name)).toEqual(
      ENVIRONMENTS.map(e => `${long.name}-${e}`),
    );
  });

  it('reads the system topic only at a topic boundary (regression: not-idp-system-<x>)', () => {
    const rendered = appsOf('unanchored-topic');
    expect(rendered.map(a => a.spec.project)).toEqual(['', '', '']);
    for (const app of rendered) {
      expect(refusalsOf(app, projects)).toEqual([
        `Application ${app.metadata.name}: source ${app.spec.source.repoURL} is not in the sourceRepos of project default`,
        `Application ${app.metadata.name}: destination namespace "${app.spec.destination.namespace}" is not permitted in project default`,
      ]);
    }
  });

  it('refuses a repository that tags itself into a system it is not registered in', () => {
    const system = stacks[0].system;
    for (const app of appsOf('intruder')) {
      expect(app.spec.project).toBe(system);
      expect(refusalsOf(app, projects)).toEqual([
        `Application ${app.metadata.name}: source https://github.com/acme/intruder.git is not in the sourceRepos of project ${system}`,
      ]);
    }
  });

  it.each(negatives.map(r => [r.name]))('generates nothing for %s', name => {
    expect(appsOf(name)).toEqual([]);
  });

  it('renders a repo without its system topic into project "" (Argo CD: default), which is locked', () => {
    const refused = appsOf('no-system-topic');
    expect(refused.map(a => a.spec.destination.namespace)).toEqual([
      '-dev',
      '-stage',
      '-prod',
    ]);
    const locked = projects.get('default')!;
    expect(locked.spec).toMatchObject({
      sourceRepos: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [],
    });
    for (const app of refused) {
      expect(
        applicationViolations(locked, {
          ...app,
          spec: { ...app.spec, project: 'default' },
        }),
      ).toEqual([
        `Application ${app.metadata.name}: source ${app.spec.source.repoURL} is not in the sourceRepos of project default`,
        `Application ${app.metadata.name}: destination namespace "${app.spec.destination.namespace}" is not permitted in project default`,
      ]);
    }
  });

  it('covers exactly the golden-path repos plus the system-less, unanchored, intruding and two rendered-manifests ones', () => {
    expect(apps).toHaveLength(3 * (golden.length + 3 + 2));
  });
});
