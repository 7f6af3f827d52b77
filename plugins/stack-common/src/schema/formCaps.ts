import {
  MAX_COMPONENT_NAME,
  MAX_COMPONENTS,
  MAX_DESCRIPTION_LENGTH,
  MAX_LABEL,
  MAX_LINKS,
  MAX_STRING_LENGTH,
  MAX_SYSTEM_NAME,
} from '../conventions';

/**
 * The JSON Schema caps of the golden-path forms, derived from the limits
 * validation enforces (conventions.ts, validation/bounds.ts), so the form (and
 * the scaffolder's re-validation of `POST /v2/tasks`) refuses what the stack
 * model would refuse later. Template YAML cannot import them: a test compares
 * every template's parameters with these (scaffolder-backend-module-stack,
 * templateCaps.test.ts).
 */
export const FORM_CAPS = {
  name: { maxLength: MAX_LABEL },
  owner: { maxLength: MAX_STRING_LENGTH },
  system: { maxLength: MAX_SYSTEM_NAME },
  description: { maxLength: MAX_DESCRIPTION_LENGTH },
  hostname: { maxLength: MAX_STRING_LENGTH },
} as const;

/** Schema of the designer field's value (`ui:field: StackDesigner`): the count and name caps. */
export const DESIGN_FIELD_SCHEMA = {
  type: 'object',
  properties: {
    components: {
      type: 'array',
      maxItems: MAX_COMPONENTS,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', maxLength: MAX_COMPONENT_NAME },
        },
      },
    },
    links: { type: 'array', maxItems: MAX_LINKS },
  },
} as const;
