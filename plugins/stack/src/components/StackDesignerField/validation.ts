import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { validateStack } from '@idp-stack/plugin-stack-common';
import { StackDesign, stackOf } from '../../lib/stackDesign';

/** Blocks the form step while the design breaks a rule of the stack model. */
export const stackDesignerValidation: CustomFieldValidator<StackDesign> = (
  design,
  field,
  { formData },
) => {
  // Nothing designed (the field is optional, e.g. extra components): nothing to check.
  if (!design?.components?.length && !design?.links?.length) return;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const result = validateStack(
    stackOf(
      {
        name: str(formData.name),
        system: str(formData.system),
        owner: str(formData.owner),
      },
      design,
    ),
  );
  if (!result.ok) {
    for (const issue of result.issues)
      field.addError(`${issue.message} [${issue.rule}]`);
  }
};
