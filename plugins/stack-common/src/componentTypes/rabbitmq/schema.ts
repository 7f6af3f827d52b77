import { z } from 'zod';
import { common, dnsLabel, port, quantity } from '../../schema/fields';
import { rule, show } from '../../schema/rule';

export const rabbitmqQueueSchema = z.strictObject({
  name: dnsLabel,
  durable: z.boolean().optional(),
  /** Declare `<queue>.dlx` + `<queue>.dlq` and route rejected messages there. */
  deadLetter: z.boolean().optional(),
});
export const rabbitmqExchangeSchema = z.strictObject({
  name: dnsLabel,
  type: z
    .enum(
      ['direct', 'fanout', 'topic', 'headers'],
      rule(
        'enum',
        i => `${show(i)} is not one of direct, fanout, topic, headers`,
      ),
    )
    .optional(),
});
export const rabbitmqComponentSchema = z.strictObject({
  ...common,
  type: z.literal('rabbitmq'),
  port: port.optional(),
  storage: quantity.optional(),
  queues: z.array(rabbitmqQueueSchema).optional(),
  exchanges: z.array(rabbitmqExchangeSchema).optional(),
});
export type RabbitmqComponent = z.infer<typeof rabbitmqComponentSchema>;
