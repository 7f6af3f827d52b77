import { z } from 'zod';
import { workload } from '../../schema/fields';

export const nodejsComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('nodejs'),
});
export type NodejsComponent = z.infer<typeof nodejsComponentSchema>;
