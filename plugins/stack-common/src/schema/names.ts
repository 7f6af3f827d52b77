/** The environments every stack is deployed to, in promotion order. */
export const ENVIRONMENTS = ['dev', 'stage', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const STACK_API_VERSION = 'idp.platform/v1alpha1';
export const STACK_KIND = 'Stack';

/** Kubernetes versions the generator knows how to target (API versions differ). */
export const MIN_KUBERNETES_MINOR = 19;
export const MAX_KUBERNETES_MINOR = 34;
export const DEFAULT_KUBERNETES_VERSION = '1.31';

/** RFC 1123 label: stack, system and repository names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Component names become Service names, which must start with a letter (DNS-1035). */
export const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/**
 * `local@domain` where the domain has a dot after its first character and
 * before its last: the same language as /^[^\s@]+@[^\s@]+\.[^\s@]+$/, but
 * written so that only one split can match (the domain's first dot after its
 * first character), which keeps the check linear. The old form tried every
 * dot as the split and read to the end from each: quadratic, over a second
 * for a 40,000-character value (bench/email.bench.ts: pnpm bench:email).
 */
export const EMAIL = /^[^\s@]+@[^\s@][^\s@.]*\.[^\s@]+$/;
export const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const ENV_VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Namespace of a stack in one environment: `<system>-<env>` (docs/conventions.md). */
export function namespaceFor(
  stack: { metadata: { system: string } },
  env: Environment,
): string {
  return `${stack.metadata.system}-${env}`;
}

/** Upper-snake form of a name, used for env var prefixes (`orders-db` → `ORDERS_DB`). */
export function envPrefix(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}
