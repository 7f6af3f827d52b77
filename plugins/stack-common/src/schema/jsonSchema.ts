import { z } from 'zod';
import { stackSchema } from './stackSchema';

/** JSON Schema (draft 2020-12) of stack.yaml, for editors and form validation. */
export const stackJsonSchema: Record<string, unknown> = z.toJSONSchema(
  stackSchema,
  {
    io: 'input',
    unrepresentable: 'any',
  },
) as Record<string, unknown>;
