/**
 * Names and limits shared by the generator, validation, the CLI, the designer
 * and the scaffolder actions (docs/conventions.md). Validation enforces the
 * limits, so a stack the CLI or the designer accepts also passes the golden path.
 */

/** Catalog annotations the IDP writes and the health plugins read. */
export const ANNOTATIONS = {
  projectSlug: 'github.com/project-slug',
  argocdAppSelector: 'argocd/app-selector',
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Takes precedence over kubernetes-id in @backstage/plugin-kubernetes-backend. */
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  sourceLocation: 'backstage.io/source-location',
  stackFile: 'idp.platform/stack-file',
  component: 'idp.platform/component',
} as const;

/** Label every Argo CD Application of a repository carries. */
export const REPO_LABEL = 'idp.platform/repo';
/** Where a repository keeps its stack description. */
export const STACK_FILE = 'stack.yaml';

/** The GitHub topic that makes Argo CD deploy a repository. */
export const IDP_TOPIC = 'idp-managed';
/** Prefix of the topic naming a repository's system; Argo CD derives namespaces from it. */
export const SYSTEM_TOPIC_PREFIX = 'idp-system-';
/** GitHub rejects topics longer than 50 characters. */
export const MAX_TOPIC_LENGTH = 50;
/** A system name must fit the `idp-system-<system>` topic: 50 - 11 = 39 characters. */
export const MAX_SYSTEM_NAME = MAX_TOPIC_LENGTH - SYSTEM_TOPIC_PREFIX.length;

/** RFC 1123 labels (stack names, namespaces, object names) have at most 63 characters. */
export const MAX_LABEL = 63;
export const MAX_NAMESPACE = MAX_LABEL;
/**
 * Component names get suffixes (`-app` secrets, `-rw` services, `-<env>`),
 * so they are kept well below the 63-character label limit.
 */
export const MAX_COMPONENT_NAME = 40;

/**
 * Names a stack or system may not take: they collide with platform
 * repositories, namespaces (`<system>-<env>`) or Kubernetes' own.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'argocd',
  'backstage',
  'default',
  'gitops',
  'idp',
  'kubernetes',
  'platform',
]);

/** Why `name` is reserved, or undefined. */
export function reservedNameReason(name: string): string | undefined {
  if (RESERVED_NAMES.has(name)) return `"${name}" is reserved for the platform`;
  if (name === 'kube' || name.startsWith('kube-')) {
    return `"${name}" is reserved: kube-* belongs to Kubernetes`;
  }
  return undefined;
}

/*
 * Input bounds (issue 13): every stack the platform accepts is small enough to
 * validate, generate and store without stalling a shared backend. A
 * 5,000-component stack produced 79 MB of manifests; these caps sit well above
 * any real stack (the largest fixture has a handful of components).
 */
/** Components in one stack. */
export const MAX_COMPONENTS = 200;
/** Entries in `spec.links`. */
export const MAX_LINKS = 1_000;
/** Entries in any other list: sub-components (databases, queues, buckets, roles, topics), env vars, deployment windows. */
export const MAX_SUB_COMPONENTS = 100;
/** Any string field without a tighter rule: names, references, hostnames (a DNS name is at most 253). */
export const MAX_STRING_LENGTH = 253;
/** `description` fields: free text shown in the catalog. */
export const MAX_DESCRIPTION_LENGTH = 1_000;
/** `metadata.email`: RFC 5321 caps a forward path at 256 octets, 254 without the angle brackets. */
export const MAX_EMAIL_LENGTH = 254;
/** `env[].value`: plain configuration values (secrets travel by reference). */
export const MAX_ENV_VALUE_LENGTH = 4_096;
