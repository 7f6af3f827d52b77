import { z } from 'zod';
import { common, count, dnsLabel, port } from '../../schema/fields';

export const redisDatabaseSchema = z.strictObject({
  name: dnsLabel,
  index: count(15),
});
export const redisComponentSchema = z.strictObject({
  ...common,
  type: z.literal('redis'),
  port: port.optional(),
  databases: z.array(redisDatabaseSchema).optional(),
});
export type RedisComponent = z.infer<typeof redisComponentSchema>;
