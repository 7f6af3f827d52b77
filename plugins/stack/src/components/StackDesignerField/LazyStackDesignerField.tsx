import { lazy, Suspense } from 'react';
import { Progress } from '@backstage/core-components';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import type { StackDesign } from '../../lib/stackDesign';

// The stack model and generator are most of the plugin's weight: load them
// only when a form shows the field.
const Designer = lazy(() =>
  import('./StackDesignerField').then(m => ({ default: m.StackDesignerField })),
);

/** `StackDesignerField` loaded on first render (for the legacy field extension). */
export function LazyStackDesignerField(
  props: FieldExtensionComponentProps<StackDesign>,
) {
  return (
    <Suspense fallback={<Progress />}>
      <Designer {...props} />
    </Suspense>
  );
}

/** `stackDesignerValidation`, loaded when the form first validates the field. */
export const lazyStackDesignerValidation: CustomFieldValidator<
  StackDesign
> = async (design, field, context) => {
  const { stackDesignerValidation } = await import('./validation');
  return stackDesignerValidation(design, field, context);
};
