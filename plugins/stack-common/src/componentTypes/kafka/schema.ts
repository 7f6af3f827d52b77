import { z } from 'zod';
import { common, dnsLabel, port, quantity } from '../../schema/fields';
import { rule, show } from '../../schema/rule';

export const kafkaTopicSchema = z.strictObject({
  name: dnsLabel,
  partitions: z
    .number(rule('type', 'must be a number'))
    .int(rule('range', i => `${show(i)} is not an integer`))
    .min(
      1,
      rule('range', i => `${show(i)} is outside 1–1000`),
    )
    .max(
      1000,
      rule('range', i => `${show(i)} is outside 1–1000`),
    )
    .optional(),
});
export const kafkaComponentSchema = z.strictObject({
  ...common,
  type: z.literal('kafka'),
  /** Port of the clients' SASL/SCRAM listener (Strimzi reserves 9090, 9091 and everything below 9092). */
  port: port.optional(),
  storage: quantity.optional(),
  topics: z.array(kafkaTopicSchema).optional(),
});
export type KafkaComponent = z.infer<typeof kafkaComponentSchema>;
