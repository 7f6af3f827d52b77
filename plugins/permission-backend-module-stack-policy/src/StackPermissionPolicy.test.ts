import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  stackApplicationApprovedSyncPermission,
  stackPromoteApprovedPermission,
  stackPromotePermission,
  stackApplicationSyncPermission,
  stackChangeProposePermission,
  stackLooseReadAllPermission,
} from '@idp-stack/plugin-stack-common';
import { readStackPolicyConfig } from './config';
import { StackPermissionPolicy } from './StackPermissionPolicy';

const config = (extra: object = {}) =>
  new ConfigReader({
    permission: {
      stackPolicy: {
        platformGroup: 'platform-team',
        approversGroup: 'group:default/release-approvers',
        ...extra,
      },
    },
  });

function policy(ownership: string[], extra?: object) {
  return new StackPermissionPolicy(
    readStackPolicyConfig(config(extra), 'test'),
    mockServices.userInfo({ ownershipEntityRefs: ownership }),
  );
}

const user = (ref = 'user:default/ada') => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: [ref] },
});

/** The catalog's isEntityOwner condition over these ownership claims. */
const ownedBy = (claims: string[]) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions: {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  },
});

describe('StackPermissionPolicy', () => {
  const ada = ['user:default/ada', 'group:default/payments-team'];

  it('answers stack sync with the catalog isEntityOwner condition over the user and their groups', async () => {
    expect(
      await policy(ada).handle(
        { permission: stackApplicationSyncPermission },
        user(),
      ),
    ).toEqual(ownedBy(ada));
  });

  it.each([
    [
      'syncs',
      stackApplicationSyncPermission,
      stackApplicationApprovedSyncPermission,
    ],
    ['promotions', stackPromotePermission, stackPromoteApprovedPermission],
  ])(
    '%s: the plain permission conditioned for owners, the approved one (prod) denied outright to a non-approver and conditioned for an approver',
    async (_, plain, approved) => {
      const approver = [...ada, 'group:default/release-approvers'];
      expect(
        (await policy(ada).handle({ permission: plain }, user())).result,
      ).toBe(AuthorizeResult.CONDITIONAL);
      expect(
        await policy(ada).handle({ permission: approved }, user()),
      ).toEqual({ result: AuthorizeResult.DENY });
      expect(
        (await policy(approver).handle({ permission: approved }, user()))
          .result,
      ).toBe(AuthorizeResult.CONDITIONAL);
    },
  );

  it('lets owners (catalog condition) and the platform group (outright) propose a stack change', async () => {
    const request = { permission: stackChangeProposePermission };
    expect(await policy(ada).handle(request, user())).toEqual(ownedBy(ada));
    expect(
      await policy(['user:default/m', 'group:default/platform-team']).handle(
        request,
        user('user:default/m'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(await policy(ada).handle(request)).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it.each([
    ['create locations', catalogLocationCreatePermission],
    ['list loose stacks across the organisation', stackLooseReadAllPermission],
  ])('lets only the platform group %s', async (_, permission) => {
    const request = { permission };
    expect((await policy(ada).handle(request, user())).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(
      (
        await policy(['user:default/m', 'group:default/platform-team']).handle(
          request,
          user('user:default/m'),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
  });

  it('allows catalog reads and task creation, and limits task reads to their creator', async () => {
    const p = policy(ada);
    expect(
      (await p.handle({ permission: catalogEntityReadPermission }, user()))
        .result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      (await p.handle({ permission: taskCreatePermission }, user())).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(
      await p.handle({ permission: taskReadPermission }, user()),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      conditions: {
        rule: 'IS_TASK_OWNER',
        params: { createdBy: ['user:default/ada'] },
      },
    });
  });

  it('denies a request without a user (services never reach a policy)', async () => {
    expect(
      (await policy(ada).handle({ permission: catalogEntityReadPermission }))
        .result,
    ).toBe(AuthorizeResult.DENY);
  });

  it('allows everything with the local-development opt-in, and refuses it in production', async () => {
    expect(
      (
        await policy([], { allowAllForLocalDevelopment: true }).handle(
          { permission: catalogLocationCreatePermission },
          user(),
        )
      ).result,
    ).toBe(AuthorizeResult.ALLOW);
    expect(() =>
      readStackPolicyConfig(
        config({ allowAllForLocalDevelopment: true }),
        'production',
      ),
    ).toThrow(
      'permission.stackPolicy.allowAllForLocalDevelopment is set while NODE_ENV=production: remove it; it is for local development only',
    );
  });

  it('names a missing or malformed group key', () => {
    expect(() =>
      readStackPolicyConfig(
        new ConfigReader({
          permission: { stackPolicy: { platformGroup: 'x' } },
        }),
        'test',
      ),
    ).toThrow(/approversGroup/);
    expect(() =>
      readStackPolicyConfig(config({ platformGroup: 'a:b:c' }), 'test'),
    ).toThrow(/permission.stackPolicy.platformGroup must be a group ref/);
  });
});
