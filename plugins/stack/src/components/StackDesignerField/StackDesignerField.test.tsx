import { useState } from 'react';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { DEFAULT_DESIGN, StackDesign } from '../../lib/stackDesign';
import { StackDesignerField } from './StackDesignerField';
import { stackDesignerValidation } from './validation';

const formContext = {
  formData: { name: 'shop', system: 'commerce', owner: 'group:commerce' },
};

function Harness({
  initial,
  onValue,
  schema = {},
}: {
  initial?: StackDesign;
  onValue?: (d: StackDesign) => void;
  schema?: object;
}) {
  const [value, setValue] = useState<StackDesign | undefined>(initial);
  const props = {
    formData: value,
    onChange: (d: StackDesign) => {
      setValue(d);
      onValue?.(d);
    },
    formContext,
    idSchema: { $id: 'root_design' },
    rawErrors: [],
    schema,
    uiSchema: {},
  } as unknown as FieldExtensionComponentProps<StackDesign>;
  return <StackDesignerField {...props} />;
}

function addComponent(name: string, type: string) {
  const group = screen.getByRole('group', { name: 'Add a component' });
  fireEvent.change(within(group).getByLabelText('Name'), {
    target: { value: name },
  });
  fireEvent.change(within(group).getByLabelText('Type'), {
    target: { value: type },
  });
  fireEvent.click(within(group).getByRole('button', { name: 'Add component' }));
}

describe('StackDesignerField', () => {
  it('starts from the golden path, submits it, and previews the generated files', async () => {
    const onValue = jest.fn();
    await renderInTestApp(<Harness onValue={onValue} />);
    expect(onValue).toHaveBeenCalledWith(DEFAULT_DESIGN);
    const components = screen.getByRole('list', { name: 'Components' });
    expect(
      within(components)
        .getAllByRole('listitem')
        .map(li => li.querySelector('strong')!.textContent),
    ).toEqual(['web', 'api', 'db']);
    const files = within(
      screen.getByRole('list', { name: 'Generated files' }),
    ).getAllByRole('button');
    expect(files[0]).toHaveTextContent('stack.yaml');
    expect(files.map(f => f.textContent)).toContain(
      'deploy/overlays/dev/kustomization.yaml',
    );
    expect(screen.getByTestId('stack-designer-preview')).toHaveTextContent(
      'system: commerce',
    );
    fireEvent.click(
      screen.getByRole('button', {
        name: 'deploy/overlays/dev/kustomization.yaml',
      }),
    );
    expect(screen.getByTestId('stack-designer-preview')).toHaveTextContent(
      'namespace: commerce-dev',
    );
  });

  it("starts from the template's own default instead of the golden path", async () => {
    const onValue = jest.fn();
    const empty = { components: [], links: [] };
    await renderInTestApp(
      <Harness onValue={onValue} schema={{ type: 'object', default: empty }} />,
    );
    expect(onValue).toHaveBeenCalledWith(empty);
    expect(onValue).not.toHaveBeenCalledWith(DEFAULT_DESIGN);
    expect(
      within(screen.getByRole('list', { name: 'Components' })).queryAllByRole(
        'listitem',
      ),
    ).toEqual([]);
  });

  it('adds a component and a link, and the preview follows', async () => {
    const onValue = jest.fn();
    await renderInTestApp(
      <Harness initial={DEFAULT_DESIGN} onValue={onValue} />,
    );
    addComponent('worker', 'fastapi');
    const linkGroup = screen.getByRole('group', { name: 'Add a link' });
    fireEvent.change(within(linkGroup).getByLabelText('From'), {
      target: { value: 'worker' },
    });
    fireEvent.change(within(linkGroup).getByLabelText('To'), {
      target: { value: 'db/app' },
    });
    fireEvent.click(
      within(linkGroup).getByRole('button', { name: 'Add link' }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Links' })).getByText(
        'worker → db/app',
      ),
    ).toBeInTheDocument();
    expect(onValue).toHaveBeenLastCalledWith({
      components: [
        ...DEFAULT_DESIGN.components,
        { name: 'worker', type: 'fastapi' },
      ],
      links: [...DEFAULT_DESIGN.links, { from: 'worker', to: 'db/app' }],
    });
    expect(
      screen.getByRole('button', {
        name: 'deploy/base/worker/deployment.yaml',
      }),
    ).toBeInTheDocument();
  });

  it('shows a rule the design breaks at its row and hides the preview until fixed', async () => {
    await renderInTestApp(<Harness initial={DEFAULT_DESIGN} />);
    addComponent('Bad_Name', 'nodejs');
    const row = within(
      screen.getByRole('list', { name: 'Components' }),
    ).getAllByRole('listitem')[3];
    expect(within(row).getByRole('alert')).toHaveTextContent(
      'spec.components[3].name: "Bad_Name" is not a DNS-1123 label starting with a letter [dns-1123-label]',
    );
    expect(
      screen.queryByRole('list', { name: 'Generated files' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText('Fix the 1 issue above to see the generated files.'),
    ).toBeInTheDocument();
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove component Bad_Name' }),
    );
    expect(
      screen.getByRole('list', { name: 'Generated files' }),
    ).toBeInTheDocument();
  });

  it('flags a link whose target is gone, and drops links of a removed component', async () => {
    await renderInTestApp(
      <Harness
        initial={{
          ...DEFAULT_DESIGN,
          links: [...DEFAULT_DESIGN.links, { from: 'api', to: 'db/missing' }],
        }}
      />,
    );
    const links = within(
      screen.getByRole('list', { name: 'Links' }),
    ).getAllByRole('listitem');
    expect(within(links[2]).getByRole('alert')).toHaveTextContent(
      'spec.links[2].to: "missing" is not a database',
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Remove component db' }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Links' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['web → api']);
  });

  it('keeps an empty starting value (an optional field), flagging and blocking nothing', async () => {
    const onValue = jest.fn();
    await renderInTestApp(
      <Harness initial={{ components: [], links: [] }} onValue={onValue} />,
    );
    expect(screen.getByRole('status')).toHaveTextContent('Nothing added');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onValue).not.toHaveBeenCalled();
    const addError = jest.fn();
    stackDesignerValidation(
      { components: [], links: [] },
      { addError } as any,
      { formData: formContext.formData } as any,
    );
    expect(addError).not.toHaveBeenCalled();
    // A link left without components is still checked.
    stackDesignerValidation(
      { components: [], links: [{ from: 'a', to: 'b' }] },
      { addError } as any,
      { formData: formContext.formData } as any,
    );
    expect(addError).toHaveBeenCalled();
  });

  it('blocks the form step through the field validation', () => {
    const addError = jest.fn();
    const context = { formData: formContext.formData } as any;
    stackDesignerValidation(DEFAULT_DESIGN, { addError } as any, context);
    expect(addError).not.toHaveBeenCalled();
    stackDesignerValidation(
      {
        components: [{ name: 'api', type: 'nodejs', port: 70000 }],
        links: [{ from: 'api', to: 'nope' }],
      },
      { addError } as any,
      context,
    );
    expect(addError.mock.calls.map(c => c[0])).toEqual([
      'spec.components[0].port: 70000 is outside 1–65535 [port]',
      'spec.links[0].to: "nope" is not a component of this stack [link-target]',
    ]);
  });
});
