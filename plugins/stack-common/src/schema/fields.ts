import { z } from 'zod';
import { DNS_1035_LABEL, DNS_LABEL, ENV_VAR_NAME } from './names';
import { MAX_COMPONENT_NAME } from '../conventions';
import { QUANTITY } from './quantity';
import { rule, show } from './rule';

// Field schemas every component type builds its own schema from.

export const dnsLabel = z
  .string(rule('type', 'must be a string'))
  .max(
    63,
    rule('dns-1123-label', i => `${show(i)} is longer than 63 characters`),
  )
  .regex(
    DNS_LABEL,
    rule(
      'dns-1123-label',
      i =>
        `${show(i)} is not a DNS-1123 label (lowercase letters, digits, "-")`,
    ),
  );

export const componentName = z
  .string(rule('type', 'must be a string'))
  .max(
    MAX_COMPONENT_NAME,
    rule(
      'dns-1123-label',
      i => `${show(i)} is longer than ${MAX_COMPONENT_NAME} characters`,
    ),
  )
  .regex(
    DNS_1035_LABEL,
    rule(
      'dns-1123-label',
      i => `${show(i)} is not a DNS-1123 label starting with a letter`,
    ),
  );

export const port = z
  .number(rule('type', 'must be a number'))
  .int(rule('port', i => `${show(i)} is not an integer port`))
  .min(
    1,
    rule('port', i => `${show(i)} is outside 1–65535`),
  )
  .max(
    65535,
    rule('port', i => `${show(i)} is outside 1–65535`),
  );

export const count = (max: number) =>
  z
    .number(rule('type', 'must be a number'))
    .int(rule('range', i => `${show(i)} is not an integer`))
    .min(
      0,
      rule('range', i => `${show(i)} is outside 0–${max}`),
    )
    .max(
      max,
      rule('range', i => `${show(i)} is outside 0–${max}`),
    );

export const quantity = z.string(rule('type', 'must be a string')).regex(
  QUANTITY,
  rule('quantity', i => `${show(i)} is not a Kubernetes quantity`),
);

const cpuMemory = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
});

/** Requests against limits are checked on the merged, per-environment values (validation/effectiveResources.ts). */
export const resourcesSchema = z.strictObject({
  requests: cpuMemory.optional(),
  limits: cpuMemory.optional(),
});

const probe = z.strictObject({
  path: z.string().regex(
    /^\/\S*$/,
    rule('probe-path', i => `${show(i)} must start with "/"`),
  ),
  initialDelaySeconds: count(3600).optional(),
  periodSeconds: count(3600).optional(),
});

const envVar = z.strictObject({
  name: z.string().regex(
    ENV_VAR_NAME,
    rule(
      'env-name',
      i => `${show(i)} is not a valid environment variable name`,
    ),
  ),
  value: z.string(
    rule('type', 'must be a string (secrets belong in references, not values)'),
  ),
});

const version = z.string(rule('type', 'must be a string, e.g. "16"')).regex(
  /^\d+(\.\d+){0,2}$/,
  rule('version', i => `${show(i)} is not a version like "16" or "3.13"`),
);

const image = z.string(rule('type', 'must be a string')).regex(
  /^[a-z0-9][\w./:@-]*$/i,
  rule('image', i => `${show(i)} is not an image reference`),
);

/** Fields every component has. */
export const common = {
  name: componentName,
  description: z.string().optional(),
  version: version.optional(),
  image: image.optional(),
  replicas: count(100).optional(),
  resources: resourcesSchema.optional(),
  env: z.array(envVar).optional(),
};

export const workload = {
  ...common,
  port: port.optional(),
  probes: z
    .strictObject({
      liveness: probe.optional(),
      readiness: probe.optional(),
      startup: probe.optional(),
    })
    .optional(),
};
