import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { StackDesignerField } from './StackDesignerField';
import { stackDesignerValidation } from './validation';

/** `ui:field: StackDesigner` for the new frontend system's scaffolder. */
export const stackDesignerFormField = createFormField({
  name: 'StackDesigner',
  component: StackDesignerField as any,
  validation: stackDesignerValidation as any,
});
