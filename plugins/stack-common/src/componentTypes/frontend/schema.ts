import { z } from 'zod';
import { workload } from '../../schema/fields';
import { rule, show } from '../../schema/rule';

export const frontendComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('frontend'),
  framework: z
    .enum(
      ['static', 'nextjs'],
      rule('enum', i => `${show(i)} is not one of static, nextjs`),
    )
    .optional(),
});
export type FrontendComponent = z.infer<typeof frontendComponentSchema>;
