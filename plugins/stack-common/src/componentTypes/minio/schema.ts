import { z } from 'zod';
import { common, port, quantity } from '../../schema/fields';
import { DNS_LABEL } from '../../schema/names';
import { rule, show } from '../../schema/rule';

export const minioBucketSchema = z.strictObject({
  name: z
    .string()
    .min(
      3,
      rule('bucket-name', i => `${show(i)} is shorter than 3 characters`),
    )
    .max(
      63,
      rule('bucket-name', i => `${show(i)} is longer than 63 characters`),
    )
    .regex(
      DNS_LABEL,
      rule('bucket-name', i => `${show(i)} is not a valid bucket name`),
    ),
  /** Anonymous access policy; linked components always get scoped credentials. */
  policy: z
    .enum(
      ['private', 'download', 'public'],
      rule('enum', i => `${show(i)} is not one of private, download, public`),
    )
    .optional(),
});
export const minioComponentSchema = z.strictObject({
  ...common,
  type: z.literal('minio'),
  port: port.optional(),
  storage: quantity.optional(),
  buckets: z.array(minioBucketSchema).optional(),
});
export type MinioComponent = z.infer<typeof minioComponentSchema>;
