import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { memoisingContext } from '../__testUtils__/memoisingContext';
import { testIntegrations } from '../__testUtils__/publishFixture';
import { createCatalogRegisterAction } from './catalogRegister';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api' },
  },
];

function setup() {
  const catalog = catalogServiceMock.mock({
    addLocation: jest.fn(async location => ({
      location: {
        id: 'l1',
        type: location.type ?? 'url',
        target: location.target,
        entityRef: 'location:default/l1',
      },
      entities: location.dryRun ? entities : [],
    })),
  });
  const action = createCatalogRegisterAction({
    integrations: testIntegrations,
    catalog,
    auth: mockServices.auth({ pluginId: 'scaffolder' }),
    allowedOwners: ['acme'],
  });
  return { catalog, action };
}

const published = {
  repoUrl: 'github.com?owner=acme&repo=payments-api',
  repoContentsUrl: 'https://github.com/acme/payments-api/blob/main',
  catalogInfoPath: '/catalog-info.yaml',
};

describe('idp:catalog:register', () => {
  it("registers the published repository's catalog file with the scaffolder's own service credentials", async () => {
    const { catalog, action } = setup();
    const { ctx } = memoisingContext({ input: published });
    await action.handler(ctx as any);
    const target =
      'https://github.com/acme/payments-api/tree/main/catalog-info.yaml';
    expect(catalog.addLocation.mock.calls).toEqual([
      [
        { type: 'url', target, dryRun: true },
        { credentials: expect.anything() },
      ],
      [{ type: 'url', target }, { credentials: expect.anything() }],
    ]);
    // Not the initiator's: a service principal, which the permissions
    // service allows without asking the policy.
    for (const [, options] of catalog.addLocation.mock.calls) {
      expect((options as any).credentials.principal).toEqual({
        type: 'service',
        subject: 'plugin:scaffolder',
      });
    }
    expect(ctx.output).toHaveBeenCalledWith('catalogInfoUrl', target);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/payments-api',
    );
  });

  it('accepts catalogInfoUrl, as catalog:register does, inside the repository', async () => {
    const { catalog, action } = setup();
    const catalogInfoUrl =
      'https://github.com/acme/payments-api/blob/main/api/catalog-info.yaml';
    const { ctx } = memoisingContext({
      input: { repoUrl: published.repoUrl, catalogInfoUrl },
    });
    await action.handler(ctx as any);
    expect(catalog.addLocation).toHaveBeenLastCalledWith(
      { type: 'url', target: catalogInfoUrl },
      expect.anything(),
    );
  });

  it('registers once across retries of the task (checkpoint)', async () => {
    const { catalog, action } = setup();
    const store = new Map<string, unknown>();
    for (let attempt = 0; attempt < 2; attempt++) {
      const { ctx } = memoisingContext({ input: published, store });
      await action.handler(ctx as any);
      expect(ctx.output).toHaveBeenCalledWith(
        'entityRef',
        'component:default/payments-api',
      );
    }
    expect(catalog.addLocation).toHaveBeenCalledTimes(2); // one dry run + one add
  });

  it('dry run: checks the rules and registers nothing', async () => {
    const { catalog, action } = setup();
    const { ctx } = memoisingContext({ input: published });
    await action.handler({ ...ctx, isDryRun: true } as any);
    expect(catalog.addLocation).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'https://github.com/acme/payments-api/tree/main/catalog-info.yaml',
    );
    const foreign = memoisingContext({
      input: { ...published, repoUrl: 'github.com?owner=evil&repo=x' },
    });
    await expect(
      action.handler({ ...foreign.ctx, isDryRun: true } as any),
    ).rejects.toThrow(/repoUrl: GitHub owner "evil"/);
  });

  it.each([
    [
      'an owner outside idp.github.allowedOwners',
      {
        repoUrl: 'github.com?owner=evil-corp&repo=payments-api',
        repoContentsUrl: 'https://github.com/evil-corp/payments-api/blob/main',
      },
      /NotAllowedError: repoUrl: GitHub owner "evil-corp" is not one this portal publishes to \(idp\.github\.allowedOwners: acme\)/,
    ],
    [
      'a host with no GitHub integration',
      {
        repoUrl: 'gitlab.com?owner=acme&repo=payments-api',
        repoContentsUrl: 'https://gitlab.com/acme/payments-api/blob/main',
      },
      /repoUrl: .*gitlab\.com/,
    ],
    [
      'another repository of the same owner',
      {
        repoContentsUrl: 'https://github.com/acme/platform-secrets/blob/main',
      },
      /NotAllowedError: repoContentsUrl: "https:\/\/github\.com\/acme\/platform-secrets\/blob\/main" is not a file of https:\/\/github\.com\/acme\/payments-api, the repository this task published \(repoUrl\); nothing was registered/,
    ],
    [
      'a catalogInfoPath that climbs out of the repository',
      { catalogInfoPath: '../../../other/blob/main/catalog-info.yaml' },
      /NotAllowedError: catalogInfoPath: .* is not a file of https:\/\/github\.com\/acme\/payments-api/,
    ],
    [
      'a catalogInfoPath that is another host',
      {
        catalogInfoPath:
          'https://evil.example/acme/payments-api/blob/main/x.yaml',
      },
      /NotAllowedError: catalogInfoPath: "https:\/\/evil\.example/,
    ],
    [
      'a catalogInfoUrl in another repository',
      {
        repoContentsUrl: undefined,
        catalogInfoUrl:
          'https://github.com/acme/other/blob/main/catalog-info.yaml',
      },
      /NotAllowedError: catalogInfoUrl: .* is not a file of https:\/\/github\.com\/acme\/payments-api/,
    ],
    [
      'no catalog file at all',
      { repoContentsUrl: undefined },
      /InputError: repoContentsUrl: required/,
    ],
  ])('refuses %s, registering nothing', async (_n, patch, expected) => {
    const { catalog, action } = setup();
    const input = JSON.parse(JSON.stringify({ ...published, ...patch }));
    const { ctx } = memoisingContext({ input });
    const error = await action.handler(ctx as any).then(
      () => undefined,
      e => e,
    );
    expect(`${error?.name}: ${error?.message}`).toMatch(expected);
    expect(catalog.addLocation).not.toHaveBeenCalled();
  });
});
