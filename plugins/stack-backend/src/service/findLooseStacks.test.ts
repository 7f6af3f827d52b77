import { orgRepository } from '../__testUtils__/githubFixtures';
import { application, repoNotPermitted } from '../__testUtils__/argoFixtures';
import { findLooseStacks, LooseInputs } from './findLooseStacks';
import { toOrgRepository } from './OrgRepositories';

const repos = (...specs: Parameters<typeof orgRepository>[0][]) =>
  specs.map(s => toOrgRepository(orgRepository(s)));
const tagged = (system: string) => ['idp-managed', `idp-system-${system}`];
/** An Application as the store holds it, from a payload shaped like Argo CD's. */
const app = (
  spec: Parameters<typeof application>[0],
  conditions: ReturnType<typeof repoNotPermitted>[] = [],
) => {
  const a = application(spec);
  return {
    instance: 'main',
    name: a.metadata.name,
    labels: a.metadata.labels as Record<string, string>,
    errors: conditions.map(c => ({ type: c.type, message: c.message })),
  };
};

const inputs = (over: Partial<LooseInputs>): LooseInputs => ({
  applications: [],
  applicationSets: [],
  repositories: [],
  devOverlay: new Map(),
  registry: [{ name: 'payments', repositories: ['payments-api'] }],
  entities: [],
  registerSystemUrl: '/create/templates/default/register-system',
  ...over,
});

describe('findLooseStacks', () => {
  it('says a repository that tags itself into a system it is not registered in deploys nothing, with the Argo CD refusal', () => {
    const items = findLooseStacks(
      inputs({
        repositories: repos(
          { name: 'payments-api', topics: tagged('payments') },
          { name: 'intruder', topics: tagged('payments') },
        ),
        applications: [
          app({ repo: 'payments-api', env: 'dev' }),
          app({ repo: 'intruder', env: 'dev' }, [
            repoNotPermitted('intruder', 'payments'),
          ]),
        ],
        entities: [
          {
            ref: 'component:default/intruder',
            repository: 'intruder',
            stack: true,
          },
        ],
      }),
    );
    expect(items).toEqual([
      expect.objectContaining({
        cause: 'not-registered',
        repository: 'acme/intruder',
        system: 'payments',
        entityRefs: ['component:default/intruder', 'system:default/payments'],
        fix: {
          title:
            'Register intruder in system payments (pull request to the registry)',
          url: '/create/templates/default/register-system',
        },
      }),
    ]);
    expect(items[0].reason).toBe(
      "Repository acme/intruder tags itself into system payments, but the registry entry argocd/systems/payments.yaml does not list it, so its AppProject refuses it and it deploys nothing (Argo CD: application repo https://github.com/acme/intruder.git is not permitted in project 'payments')",
    );
  });

  it('names a system without a registry entry, and without a registry falls back to the Argo CD condition', () => {
    const repositories = repos({ name: 'stray', topics: tagged('ghost') });
    expect(findLooseStacks(inputs({ repositories }))[0].reason).toContain(
      'system ghost has no registry entry (argocd/systems/ghost.yaml)',
    );
    // No registry and no refusal yet: nothing to say about registration.
    expect(
      findLooseStacks(inputs({ repositories, registry: undefined })),
    ).toEqual([]);
    const refused = findLooseStacks(
      inputs({
        repositories,
        registry: undefined,
        applications: [
          app({ repo: 'stray', env: 'dev', system: 'ghost' }, [
            repoNotPermitted('stray', 'ghost'),
          ]),
        ],
      }),
    );
    expect(refused.map(i => i.cause)).toEqual(['refused-by-project']);
  });

  it('tells a name collision after normalisation from a name that is merely not normalised', () => {
    const items = findLooseStacks(
      inputs({
        repositories: repos(
          { name: 'payments-api', topics: tagged('payments') },
          { name: 'Payments_API', topics: tagged('payments') },
          { name: 'Ledger', topics: tagged('payments') },
        ),
      }),
    );
    expect(items.map(i => [i.cause, i.repository])).toEqual([
      ['name-collision', 'acme/Payments_API'],
      ['name-not-normalised', 'acme/Ledger'],
    ]);
    expect(items[0].reason).toContain(
      'would get the Applications payments-api-<env> of repository payments-api',
    );
    expect(items[1].fix.title).toBe('Rename the repository to ledger');
  });

  it('reports a missing dev overlay only when GitHub said it is absent', () => {
    const repositories = repos({
      name: 'payments-api',
      topics: tagged('payments'),
      defaultBranch: 'trunk',
    });
    expect(
      findLooseStacks(
        inputs({
          repositories,
          devOverlay: new Map([['acme/payments-api', false]]),
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        cause: 'missing-dev-overlay',
        fix: {
          title: 'Generate deploy/ (stack generate) and push it',
          url: 'https://github.com/acme/payments-api/tree/trunk',
        },
      }),
    ]);
    expect(
      findLooseStacks(
        inputs({
          repositories,
          devOverlay: new Map([['acme/payments-api', true]]),
        }),
      ),
    ).toEqual([]);
  });

  it('skips repository causes when GitHub could not be read, instead of calling every Application loose', () => {
    expect(
      findLooseStacks(
        inputs({
          repositories: undefined,
          applications: [app({ repo: 'payments-api', env: 'dev' })],
        }),
      ),
    ).toEqual([]);
  });
});
