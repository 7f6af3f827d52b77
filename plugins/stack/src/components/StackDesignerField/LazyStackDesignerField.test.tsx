import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { DEFAULT_DESIGN, StackDesign } from '../../lib/stackDesign';
import {
  LazyStackDesignerField,
  lazyStackDesignerValidation,
} from './LazyStackDesignerField';

describe('LazyStackDesignerField', () => {
  it('loads the designer on first render', async () => {
    const props = {
      formData: DEFAULT_DESIGN,
      onChange: jest.fn(),
      formContext: { formData: {} },
      rawErrors: [],
      schema: {},
      uiSchema: {},
    } as unknown as FieldExtensionComponentProps<StackDesign>;
    await renderInTestApp(<LazyStackDesignerField {...props} />);
    expect(
      await screen.findByRole('list', { name: 'Generated files' }),
    ).toBeInTheDocument();
  });

  it('validates through the lazily loaded model', async () => {
    const addError = jest.fn();
    await lazyStackDesignerValidation(
      {
        components: [{ name: 'api', type: 'nodejs' }],
        links: [{ from: 'api', to: 'ghost' }],
      },
      { addError } as any,
      { formData: {} } as any,
    );
    expect(addError).toHaveBeenCalledWith(
      'spec.links[0].to: "ghost" is not a component of this stack [link-target]',
    );
  });
});
