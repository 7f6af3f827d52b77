import { screen } from '@testing-library/react';
import { mockApis } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { renderInTestAppAct } from '../../__testUtils__/renderInTestAppAct';
import { EditStackButton } from './EditStackButton';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: {
    type: 'service',
    owner: 'group:default/shop',
    lifecycle: 'production',
  },
});
const SHOP = entity('shop-api', {
  'backstage.io/managed-by-location':
    'url:https://github.com/acme/shop-api/blob/main/catalog-info.yaml',
  'idp.platform/stack-file': 'stack.yaml',
});

async function render(e: Entity, allowed: string[]) {
  const asked: string[] = [];
  await renderInTestAppAct(
    <SWRConfig value={{ provider: () => new Map() }}>
      <EditStackButton entity={e} />
    </SWRConfig>,
    {
      apis: [
        [
          permissionApiRef,
          mockApis.permission({
            authorize: req => {
              const ref = (req as { resourceRef?: string }).resourceRef!;
              asked.push(`${req.permission.name} ${ref}`);
              return allowed.includes(ref)
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY;
            },
          }),
        ],
      ],
    },
  );
  return asked;
}

// The machine is shared: rendering with the permission API takes seconds under load.
jest.setTimeout(30_000);

describe('EditStackButton', () => {
  it('opens the edit-stack template with the entity and its repository prefilled, for someone allowed', async () => {
    const asked = await render(SHOP, ['component:default/shop-api']);
    // LinkButton: an <a href> with the button role
    const link = await screen.findByRole('button', { name: 'Edit stack' });
    const url = new URL(link.getAttribute('href')!, 'http://portal');
    expect(url.pathname).toBe('/create/templates/default/edit-stack');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      entityRef: 'component:default/shop-api',
      repoUrl: 'github.com?owner=acme&repo=shop-api',
    });
    expect(asked).toContain('stack.change.propose component:default/shop-api');
  });

  it('is not shown to someone the policy refuses, nor for an entity without a stack file', async () => {
    await render(SHOP, []);
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Edit stack' })).toBeNull();
    const bare = entity('legacy', {
      'backstage.io/managed-by-location':
        'url:https://github.com/acme/legacy/blob/main/catalog-info.yaml',
    });
    await render(bare, ['component:default/legacy']);
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Edit stack' })).toBeNull();
  });
});
