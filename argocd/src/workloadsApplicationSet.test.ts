import { parse } from 'yaml';
import { applicationViolations } from './projectPolicy';
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
const oddName: InMemoryRepo = { ...first, name: 'Billing_Reports' };
const repos = [...golden, ...negatives, unnamedSystem, oddName];

const appset = gitopsObject('ApplicationSet', 'workloads');
const project = gitopsObject('AppProject', 'workloads');
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
  it('puts the topic and the path into one filter entry (ANDed, topic checked first)', () => {
    const scm = appset.spec.generators[0].matrix.generators[0].scmProvider;
    expect(scm.filters).toEqual([
      { labelMatch: '^idp-managed$', pathsExist: ['deploy/overlays/dev'] },
    ]);
    expect(scm.cloneProtocol).toBe('https');
    expect(scm.github).toMatchObject({
      organization: 'acme',
      excludeArchivedRepos: true,
    });
  });

  it('scans the acme organisation over https and only spends API calls on topic-tagged repos', () => {
    expect(apps[0].spec.source.repoURL).toMatch(
      /^https:\/\/github\.com\/acme\//,
    );
    // no-topic and lookalike-topic fail the free topic check; archived never makes the list.
    expect(org.calls.getBranch).toBe(repos.length - 3);
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
        expect(app.spec.project).toBe('workloads');
        expect(app.spec.source).toEqual({
          repoURL: `https://github.com/acme/${stack.repo}.git`,
          targetRevision: 'main',
          path: `deploy/overlays/${env}`,
        });
        expect(tree).toContain(`deploy/overlays/${env}/kustomization.yaml`);
        // The destination is the Namespace the generator writes into the same overlay.
        const nsFile = stack.files.find(
          f => f.path === `deploy/overlays/${env}/namespace.yaml`,
        )!;
        expect(app.spec.destination).toEqual({
          server: 'https://kubernetes.default.svc',
          namespace: parse(nsFile.content).metadata.name,
        });
        expect(app.spec.destination.namespace).toBe(`${stack.system}-${env}`);
        // Argo CD creates a missing namespace with the labels the generator gives it.
        expect(app.spec.syncPolicy.syncOptions).toContain(
          'CreateNamespace=true',
        );
        expect(app.spec.syncPolicy.managedNamespaceMetadata.labels).toEqual(
          parse(nsFile.content).metadata.labels,
        );
        expect(applicationViolations(project, app)).toEqual([]);
        expect(() => validateManifest(app)).not.toThrow();
      }
    },
  );

  it('syncs dev and stage automatically (prune, self-heal) and leaves prod to a person', () => {
    for (const app of appsOf(first.name)) {
      const env = app.metadata.labels!['idp.platform/environment'];
      const automated =
        env === 'prod' ? undefined : { prune: true, selfHeal: true };
      expect(app.spec.syncPolicy.automated).toEqual(automated);
      expect(app.spec.syncPolicy.retry.limit).toBe(5);
    }
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
    expect(appsOf('Billing_Reports').map(a => a.metadata.name)).toEqual([
      'billing-reports-dev',
      'billing-reports-stage',
      'billing-reports-prod',
    ]);
  });

  it('detects two repos that normalise to the same Application name', () => {
    const clash = {
      ...first,
      name: first.name.toUpperCase().replace(/-/g, '_'),
    };
    expect(() =>
      renderApplicationSet(appset, {
        github: (o, opts) => inMemoryGithubOrg(o, [first, clash], opts),
      }),
    ).toThrow(`generates the Application name ${first.name}-dev twice`);
  });

  it.each(negatives.map(r => [r.name]))('generates nothing for %s', name => {
    expect(appsOf(name)).toEqual([]);
  });

  it('renders a repo without its system topic into "-<env>", which the project refuses', () => {
    const refused = appsOf('no-system-topic');
    expect(refused.map(a => a.spec.destination.namespace)).toEqual([
      '-dev',
      '-stage',
      '-prod',
    ]);
    for (const app of refused) {
      expect(applicationViolations(project, app)).toEqual([
        `Application ${app.metadata.name}: destination namespace "${app.spec.destination.namespace}" is not permitted in project workloads`,
      ]);
    }
  });

  it('covers exactly the golden-path repos plus the renamed and system-less ones', () => {
    expect(apps).toHaveLength(3 * (golden.length + 2));
  });
});
