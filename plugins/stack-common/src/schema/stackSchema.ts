import { z } from 'zod';
import {
  COMPONENT_TYPES,
  DEFAULT_KUBERNETES_VERSION,
  DNS_1035_LABEL,
  DNS_LABEL,
  EMAIL,
  ENV_VAR_NAME,
  HOSTNAME,
  MAX_COMPONENT_NAME,
  STACK_API_VERSION,
  STACK_KIND,
} from './names';
import { parseQuantity, QUANTITY } from './quantity';
import { rule, show } from './rule';

const dnsLabel = z
  .string(rule('type', 'must be a string'))
  .max(63, rule('dns-1123-label', i => `${show(i)} is longer than 63 characters`))
  .regex(
    DNS_LABEL,
    rule('dns-1123-label', i => `${show(i)} is not a DNS-1123 label (lowercase letters, digits, "-")`),
  );

const componentName = z
  .string(rule('type', 'must be a string'))
  .max(
    MAX_COMPONENT_NAME,
    rule('dns-1123-label', i => `${show(i)} is longer than ${MAX_COMPONENT_NAME} characters`),
  )
  .regex(
    DNS_1035_LABEL,
    rule('dns-1123-label', i => `${show(i)} is not a DNS-1123 label starting with a letter`),
  );

const port = z
  .number(rule('type', 'must be a number'))
  .int(rule('port', i => `${show(i)} is not an integer port`))
  .min(1, rule('port', i => `${show(i)} is outside 1–65535`))
  .max(65535, rule('port', i => `${show(i)} is outside 1–65535`));

const count = (max: number) =>
  z
    .number(rule('type', 'must be a number'))
    .int(rule('range', i => `${show(i)} is not an integer`))
    .min(0, rule('range', i => `${show(i)} is outside 0–${max}`))
    .max(max, rule('range', i => `${show(i)} is outside 0–${max}`));

const quantity = z
  .string(rule('type', 'must be a string'))
  .regex(QUANTITY, rule('quantity', i => `${show(i)} is not a Kubernetes quantity`));

const cpuMemory = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
});

export const resourcesSchema = z
  .strictObject({
    requests: cpuMemory.optional(),
    limits: cpuMemory.optional(),
  })
  .superRefine((r, ctx) => {
    for (const key of ['cpu', 'memory'] as const) {
      const req = r.requests?.[key];
      const lim = r.limits?.[key];
      if (req === undefined || lim === undefined) continue;
      if ((parseQuantity(req) ?? 0) > (parseQuantity(lim) ?? 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requests', key],
          message: `[requests-within-limits] request ${req} is above limit ${lim}`,
        });
      }
    }
  });

const probe = z.strictObject({
  path: z.string().regex(/^\/\S*$/, rule('probe-path', i => `${show(i)} must start with "/"`)),
  initialDelaySeconds: count(3600).optional(),
  periodSeconds: count(3600).optional(),
});

const envVar = z.strictObject({
  name: z
    .string()
    .regex(ENV_VAR_NAME, rule('env-name', i => `${show(i)} is not a valid environment variable name`)),
  value: z.string(rule('type', 'must be a string (secrets belong in references, not values)')),
});

const version = z
  .string(rule('type', 'must be a string, e.g. "16"'))
  .regex(/^\d+(\.\d+){0,2}$/, rule('version', i => `${show(i)} is not a version like "16" or "3.13"`));

const image = z
  .string(rule('type', 'must be a string'))
  .regex(/^[a-z0-9][\w./:@-]*$/i, rule('image', i => `${show(i)} is not an image reference`));

/** Fields every component has. */
const common = {
  name: componentName,
  description: z.string().optional(),
  version: version.optional(),
  image: image.optional(),
  replicas: count(100).optional(),
  resources: resourcesSchema.optional(),
  env: z.array(envVar).optional(),
};

const workload = {
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

export const nodejsComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('nodejs'),
});
export const fastapiComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('fastapi'),
  /** Uvicorn worker processes per pod. */
  workers: count(64).optional(),
});
export const frontendComponentSchema = z.strictObject({
  ...workload,
  type: z.literal('frontend'),
  framework: z.enum(['static', 'nextjs'], rule('enum', i => `${show(i)} is not one of static, nextjs`)).optional(),
});

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

export const rabbitmqQueueSchema = z.strictObject({
  name: dnsLabel,
  durable: z.boolean().optional(),
  /** Declare `<queue>.dlx` + `<queue>.dlq` and route rejected messages there. */
  deadLetter: z.boolean().optional(),
});
export const rabbitmqExchangeSchema = z.strictObject({
  name: dnsLabel,
  type: z
    .enum(['direct', 'fanout', 'topic', 'headers'], rule('enum', i => `${show(i)} is not one of direct, fanout, topic, headers`))
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

export const minioBucketSchema = z.strictObject({
  name: z
    .string()
    .min(3, rule('bucket-name', i => `${show(i)} is shorter than 3 characters`))
    .max(63, rule('bucket-name', i => `${show(i)} is longer than 63 characters`))
    .regex(DNS_LABEL, rule('bucket-name', i => `${show(i)} is not a valid bucket name`)),
  /** Anonymous access policy; linked components always get scoped credentials. */
  policy: z.enum(['private', 'download', 'public'], rule('enum', i => `${show(i)} is not one of private, download, public`)).optional(),
});
export const minioComponentSchema = z.strictObject({
  ...common,
  type: z.literal('minio'),
  port: port.optional(),
  storage: quantity.optional(),
  buckets: z.array(minioBucketSchema).optional(),
});

export const componentSchema = z.discriminatedUnion(
  'type',
  [
    nodejsComponentSchema,
    fastapiComponentSchema,
    frontendComponentSchema,
    postgresComponentSchema,
    redisComponentSchema,
    rabbitmqComponentSchema,
    minioComponentSchema,
  ],
  rule('component-type', i => `must be one of ${COMPONENT_TYPES.join(', ')} (got ${show((i as any)?.type)})`),
);

export const linkSchema = z.strictObject({
  /** A component name. */
  from: z.string(rule('type', 'must be a string')),
  /** A component name, or `<component>/<sub-component>` (database, queue, bucket, redis db). */
  to: z.string(rule('type', 'must be a string')),
  access: z.enum(['read', 'read-write'], rule('enum', i => `${show(i)} is not one of read, read-write`)).optional(),
  /** Route prefix for frontend → service links. */
  pathPrefix: z
    .string()
    .regex(/^\/[A-Za-z0-9._~\-/]*$/, rule('path-prefix', i => `${show(i)} must start with "/" and be a URL path`))
    .optional(),
});

const autoscaling = z.strictObject({
  enabled: z.boolean(),
  minReplicas: count(100).optional(),
  maxReplicas: count(1000).optional(),
  targetCPUUtilization: count(100).optional(),
});

const componentOverride = z.strictObject({
  replicas: count(100).optional(),
  resources: resourcesSchema.optional(),
  autoscaling: autoscaling.optional(),
});

const deploymentWindow = z.strictObject({
  days: z.array(z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], rule('enum', i => `${show(i)} is not a day (mon…sun)`))),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, rule('time', i => `${show(i)} is not a time HH:MM`)),
  duration: z.string().regex(/^\d+[hm]$/, rule('duration', i => `${show(i)} is not a duration like 2h or 30m`)),
  timeZone: z.string().optional(),
});

export const environmentSchema = z.strictObject({
  hostname: z.string().regex(HOSTNAME, rule('hostname', i => `${show(i)} is not a DNS hostname`)).optional(),
  replicas: count(100).optional(),
  autoscaling: autoscaling.optional(),
  components: z.record(z.string(), componentOverride).optional(),
  policies: z
    .strictObject({
      manualApproval: z.boolean().optional(),
      deploymentWindows: z.array(deploymentWindow).optional(),
    })
    .optional(),
});

export const stackSchema = z.strictObject({
  apiVersion: z.literal(STACK_API_VERSION, rule('api-version', i => `${show(i)} is not ${STACK_API_VERSION}`)),
  kind: z.literal(STACK_KIND, rule('kind', i => `${show(i)} is not ${STACK_KIND}`)),
  metadata: z.strictObject({
    /** The repository name and catalog Component name of the main service. */
    name: dnsLabel,
    /** Namespaces are `<system>-<env>`. */
    system: dnsLabel,
    /** Catalog owner, e.g. `group:payments` or `payments`. */
    owner: z.string().min(1, rule('required', 'must not be empty')),
    team: z.string().optional(),
    email: z.string().regex(EMAIL, rule('email', i => `${show(i)} is not an email address`)).optional(),
    description: z.string().optional(),
  }),
  spec: z.strictObject({
    kubernetesVersion: z
      .string(rule('type', 'must be a string like "1.31"'))
      .regex(/^1\.\d+$/, rule('kubernetes-version', i => `${show(i)} is not a version like "1.31"`))
      .optional(),
    routing: z
      .strictObject({
        kind: z.enum(['ingress', 'gateway'], rule('enum', i => `${show(i)} is not one of ingress, gateway`)).optional(),
        ingressClassName: dnsLabel.optional(),
        /** Gateway for HTTPRoutes, `<namespace>/<name>`. */
        gateway: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, rule('gateway-ref', i => `${show(i)} is not <namespace>/<name>`)).optional(),
        /** Namespace of the ingress controller / gateway pods, allowed in by NetworkPolicy. */
        controllerNamespace: dnsLabel.optional(),
        domain: z.string().regex(HOSTNAME, rule('hostname', i => `${show(i)} is not a DNS domain`)).optional(),
      })
      .optional(),
    /** Registry that default service images are pulled from. */
    registry: z.string().optional(),
    components: z.array(componentSchema).min(1, rule('required', 'a stack needs at least one component')),
    links: z.array(linkSchema).optional(),
    environments: z
      .strictObject({
        dev: environmentSchema.optional(),
        stage: environmentSchema.optional(),
        prod: environmentSchema.optional(),
      })
      .optional(),
  }),
});

export type Stack = z.infer<typeof stackSchema>;
export type StackComponent = z.infer<typeof componentSchema>;
export type StackLink = z.infer<typeof linkSchema>;
export type StackResources = z.infer<typeof resourcesSchema>;
export type EnvironmentSettings = z.infer<typeof environmentSchema>;
export type PostgresComponent = z.infer<typeof postgresComponentSchema>;
export type RedisComponent = z.infer<typeof redisComponentSchema>;
export type RabbitmqComponent = z.infer<typeof rabbitmqComponentSchema>;
export type MinioComponent = z.infer<typeof minioComponentSchema>;
export type ServiceComponent = z.infer<
  typeof nodejsComponentSchema | typeof fastapiComponentSchema | typeof frontendComponentSchema
>;

export { DEFAULT_KUBERNETES_VERSION };
