import { z } from 'zod';
import { MAX_SYSTEM_NAME, SYSTEM_TOPIC_PREFIX } from '../conventions';
import {
  DEFAULT_KUBERNETES_VERSION,
  DNS_LABEL,
  EMAIL,
  HOSTNAME,
  STACK_API_VERSION,
  STACK_KIND,
} from './names';
import { count, dnsLabel, resourcesSchema } from './fields';
import { rule, show } from './rule';
import {
  COMPONENT_KINDS,
  COMPONENT_TYPES,
  type StackComponent,
} from '../componentTypes/registry';

/** One rule for every entry point: the system must fit its GitHub topic (docs/conventions.md). */
const systemName = z
  .string(rule('type', 'must be a string'))
  .max(
    MAX_SYSTEM_NAME,
    rule(
      'topic-length',
      i =>
        `${show(
          i,
        )} is longer than ${MAX_SYSTEM_NAME} characters; the GitHub topic ${SYSTEM_TOPIC_PREFIX}<system> allows no more`,
    ),
  )
  .regex(
    DNS_LABEL,
    rule(
      'dns-1123-label',
      i =>
        `${show(i)} is not a DNS-1123 label (lowercase letters, digits, "-")`,
    ),
  );

/** One schema per component type, told apart by `type`. */
export const componentSchema: z.ZodType<StackComponent> = z.discriminatedUnion(
  'type',
  COMPONENT_TYPES.map(t => COMPONENT_KINDS[t].schema) as unknown as [
    z.core.$ZodTypeDiscriminable,
    ...z.core.$ZodTypeDiscriminable[],
  ],
  rule(
    'component-type',
    i =>
      `must be one of ${COMPONENT_TYPES.join(', ')} (got ${show(
        (i as any)?.type,
      )})`,
  ),
) as unknown as z.ZodType<StackComponent>;

export const linkSchema = z.strictObject({
  /** A component name. */
  from: z.string(rule('type', 'must be a string')),
  /** A component name, or `<component>/<sub-component>` (database, queue, bucket, redis db). */
  to: z.string(rule('type', 'must be a string')),
  access: z
    .enum(
      ['read', 'read-write'],
      rule('enum', i => `${show(i)} is not one of read, read-write`),
    )
    .optional(),
  /** Route prefix for frontend → service links. */
  pathPrefix: z
    .string()
    .regex(
      /^\/[A-Za-z0-9._~\-/]*$/,
      rule(
        'path-prefix',
        i => `${show(i)} must start with "/" and be a URL path`,
      ),
    )
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
  days: z.array(
    z.enum(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      rule('enum', i => `${show(i)} is not a day (mon…sun)`),
    ),
  ),
  start: z.string().regex(
    /^([01]\d|2[0-3]):[0-5]\d$/,
    rule('time', i => `${show(i)} is not a time HH:MM`),
  ),
  duration: z.string().regex(
    /^\d+[hm]$/,
    rule('duration', i => `${show(i)} is not a duration like 2h or 30m`),
  ),
  timeZone: z.string().optional(),
});

export const environmentSchema = z.strictObject({
  hostname: z
    .string()
    .regex(
      HOSTNAME,
      rule('hostname', i => `${show(i)} is not a DNS hostname`),
    )
    .optional(),
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
  apiVersion: z.literal(
    STACK_API_VERSION,
    rule('api-version', i => `${show(i)} is not ${STACK_API_VERSION}`),
  ),
  kind: z.literal(
    STACK_KIND,
    rule('kind', i => `${show(i)} is not ${STACK_KIND}`),
  ),
  metadata: z.strictObject({
    /** The repository name and catalog Component name of the main service. */
    name: dnsLabel,
    /** Namespaces are `<system>-<env>`; the repository's topic is `idp-system-<system>`. */
    system: systemName,
    /** Catalog owner, e.g. `group:payments` or `payments`. */
    owner: z.string().min(1, rule('required', 'must not be empty')),
    team: z.string().optional(),
    email: z
      .string()
      .regex(
        EMAIL,
        rule('email', i => `${show(i)} is not an email address`),
      )
      .optional(),
    description: z.string().optional(),
  }),
  spec: z.strictObject({
    kubernetesVersion: z
      .string(rule('type', 'must be a string like "1.31"'))
      .regex(
        /^1\.\d+$/,
        rule(
          'kubernetes-version',
          i => `${show(i)} is not a version like "1.31"`,
        ),
      )
      .optional(),
    routing: z
      .strictObject({
        kind: z
          .enum(
            ['ingress', 'gateway'],
            rule('enum', i => `${show(i)} is not one of ingress, gateway`),
          )
          .optional(),
        ingressClassName: dnsLabel.optional(),
        /** Gateway for HTTPRoutes, `<namespace>/<name>`. */
        gateway: z
          .string()
          .regex(
            /^[a-z0-9-]+\/[a-z0-9-]+$/,
            rule('gateway-ref', i => `${show(i)} is not <namespace>/<name>`),
          )
          .optional(),
        /** Namespace of the ingress controller / gateway pods, allowed in by NetworkPolicy. */
        controllerNamespace: dnsLabel.optional(),
        domain: z
          .string()
          .regex(
            HOSTNAME,
            rule('hostname', i => `${show(i)} is not a DNS domain`),
          )
          .optional(),
      })
      .optional(),
    /** Registry that default service images are pulled from. */
    registry: z.string().optional(),
    components: z
      .array(componentSchema)
      .min(1, rule('required', 'a stack needs at least one component')),
    links: z.array(linkSchema).optional(),
    /**
     * How Argo CD gets the manifests: `kustomize` (default) renders
     * deploy/overlays/<env>; `manifests` also writes deploy/rendered/<env>/
     * manifests.yaml, plain YAML Argo CD applies without running kustomize
     * (for large stacks: see the stack-common README's render benchmark).
     */
    deploy: z
      .strictObject({
        render: z
          .enum(
            ['kustomize', 'manifests'],
            rule('enum', i => `${show(i)} is not one of kustomize, manifests`),
          )
          .optional(),
      })
      .optional(),
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
export type { StackComponent };
export type StackLink = z.infer<typeof linkSchema>;
export type StackResources = z.infer<typeof resourcesSchema>;
export type EnvironmentSettings = z.infer<typeof environmentSchema>;
export type { PostgresComponent } from '../componentTypes/postgres/schema';
export type { RedisComponent } from '../componentTypes/redis/schema';
export type { RabbitmqComponent } from '../componentTypes/rabbitmq/schema';
export type { MinioComponent } from '../componentTypes/minio/schema';
export type { ServiceComponent } from '../componentTypes/workload/schema';

export { DEFAULT_KUBERNETES_VERSION };
