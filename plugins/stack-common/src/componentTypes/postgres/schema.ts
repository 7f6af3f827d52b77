import { z } from 'zod';
import { common, dnsLabel, quantity } from '../../schema/fields';

export const postgresDatabaseSchema = z.strictObject({
  name: dnsLabel,
  /** Role owning the database; defaults to a role named like the database. */
  owner: dnsLabel.optional(),
});
export const postgresRoleSchema = z.strictObject({
  name: dnsLabel,
  login: z.boolean().optional(),
});
export const postgresComponentSchema = z.strictObject({
  ...common,
  type: z.literal('postgres'),
  storage: quantity.optional(),
  databases: z.array(postgresDatabaseSchema).optional(),
  roles: z.array(postgresRoleSchema).optional(),
});
export type PostgresComponent = z.infer<typeof postgresComponentSchema>;
