import { z } from 'zod';
import { count, workload } from '../../schema/fields';

export const fastapiComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('fastapi'),
  /** Uvicorn worker processes per pod. */
  workers: count(64).optional(),
});
export type FastapiComponent = z.infer<typeof fastapiComponentSchema>;
