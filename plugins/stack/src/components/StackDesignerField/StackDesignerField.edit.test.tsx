import { useState } from 'react';
import { fireEvent, screen, within } from '@testing-library/react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { parseStackYaml, type Stack } from '@idp-stack/plugin-stack-common';
import { stackApiRef } from '../../api/stackApiRef';
import { fakeStackApi } from '../../__testUtils__/fixtures';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import type { StackDesign } from '../../lib/stackDesign';
import { StackDesignerField } from './StackDesignerField';
import { stackDesignerValidation } from './validation';

const SHA = '4f2a9c1e0b7d4f2a9c1e0b7d4f2a9c1e0b7d4f2a';
const STACK = (() => {
  const r = parseStackYaml(`apiVersion: idp.platform/v1alpha1
kind: Stack
metadata: { name: shop-api, system: shop, owner: group:default/shop }
spec:
  components:
    - { name: shop-api, type: nodejs }
    - name: db
      type: postgres
      databases: [{ name: app }, { name: audit }]
  links:
    - { from: shop-api, to: db/app }
  environments:
    prod: { hostname: shop.example.com, replicas: 3 }
`);
  if (!r.ok) throw new Error('fixture');
  return r.stack;
})();

function Harness({ onValue }: { onValue: (d: StackDesign) => void }) {
  const [value, setValue] = useState<StackDesign | undefined>();
  const props = {
    formData: value,
    onChange: (d: StackDesign) => {
      setValue(d);
      onValue(d);
    },
    formContext: { formData: { entityRef: 'component:default/shop-api' } },
    idSchema: { $id: 'root_design' },
    rawErrors: [],
    schema: {},
    uiSchema: { 'ui:options': { edit: true } },
  } as unknown as FieldExtensionComponentProps<StackDesign>;
  return <StackDesignerField {...props} />;
}

jest.setTimeout(30_000);

describe('StackDesignerField opened on an existing stack (ui:options.edit)', () => {
  it("opens on the entity's stack.yaml at its head commit, with every part, and submits the whole edited stack", async () => {
    const api = fakeStackApi({
      getStack: jest.fn().mockResolvedValue({
        entityRef: 'component:default/shop-api',
        location: `https://github.com/acme/shop-api/blob/${SHA}/stack.yaml`,
        stack: STACK,
        commitSha: SHA,
      }),
    });
    const onValue = jest.fn();
    await renderInTestApp(<Harness onValue={onValue} />, {
      apis: [[stackApiRef, api]],
    });
    expect(api.getStack).toHaveBeenCalledWith('component:default/shop-api', {
      atHead: true,
    });
    const components = await screen.findByRole('list', { name: 'Components' });
    expect(within(components).getByText('shop-api')).toBeInTheDocument();
    expect(
      within(components).getByText('postgres · database app · database audit'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Links' })).getByText(
        'shop-api → db/app',
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('stack-designer-environments')).toHaveTextContent(
      'Environment settings kept: prod (hostname, replicas)',
    );
    expect(onValue).toHaveBeenCalledWith(
      expect.objectContaining({ baseSha: SHA, stack: STACK }),
    );

    // add a Redis and link the service to it
    const add = screen.getByRole('group', { name: 'Add a component' });
    fireEvent.change(within(add).getByLabelText('Name'), {
      target: { value: 'cache' },
    });
    fireEvent.change(within(add).getByLabelText('Type'), {
      target: { value: 'redis' },
    });
    fireEvent.click(within(add).getByRole('button', { name: 'Add component' }));
    const link = screen.getByRole('group', { name: 'Add a link' });
    fireEvent.change(within(link).getByLabelText('From'), {
      target: { value: 'shop-api' },
    });
    fireEvent.change(within(link).getByLabelText('To'), {
      target: { value: 'cache' },
    });
    fireEvent.click(within(link).getByRole('button', { name: 'Add link' }));

    const last: StackDesign = onValue.mock.calls.at(-1)[0];
    expect(last.baseSha).toBe(SHA);
    const edited = last.stack as Stack;
    expect(edited.metadata).toEqual(STACK.metadata);
    expect(edited.spec.environments).toEqual(STACK.spec.environments);
    expect(edited.spec.components.map(c => c.name)).toEqual([
      'shop-api',
      'db',
      'cache',
    ]);
    expect(edited.spec.links).toEqual([
      { from: 'shop-api', to: 'db/app' },
      { from: 'shop-api', to: 'cache' },
    ]);
    // the step's validation checks the edited stack, not a new one
    const field = { addError: jest.fn() };
    stackDesignerValidation(last, field as any, { formData: {} } as any);
    expect(field.addError).not.toHaveBeenCalled();
  });

  it('says why it cannot open the stack', async () => {
    const api = fakeStackApi({
      getStack: jest.fn().mockRejectedValue(new Error('no stack.yaml at …')),
    });
    await renderInTestApp(<Harness onValue={jest.fn()} />, {
      apis: [[stackApiRef, api]],
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not open the stack of component:default/shop-api: no stack.yaml at …',
    );
  });
});
