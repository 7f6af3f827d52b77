import { parse } from 'yaml';
import { DNS_LABEL, ENVIRONMENTS, Environment } from '../schema/names';
import { environmentSchema } from '../schema/stackSchema';
// A system becomes namespaces `<system>-<env>` and `idp-secrets-<system>-<env>`
// (at most 63 characters): 39 leaves room for both and fits the topic.
import { MAX_SYSTEM_NAME } from '../conventions';

/** The policies of one environment, as stack.yaml and the system registry write them. */
export type EnvironmentPolicyInput = {
  manualApproval?: boolean;
  deploymentWindows?: {
    days: string[];
    start: string;
    duration: string;
    timeZone?: string;
  }[];
};

export const SYSTEM_API_VERSION = 'idp.platform/v1alpha1';
export const SYSTEM_KIND = 'System';

/** Policies of one environment: the stack's own shape plus who may approve. */
export interface SystemEnvironmentPolicies extends EnvironmentPolicyInput {
  /** SSO groups (Argo CD RBAC `groups`) that may sync this environment by hand. */
  approvers?: string[];
}

/**
 * One entry of the system registry, `argocd/systems/<system>.yaml`: the only
 * source of which repositories may deploy a system. Teams propose changes by
 * pull request (templates/register-system); CODEOWNERS makes the platform team
 * or the system's own code owners approve them.
 */
export interface SystemRegistration {
  apiVersion: typeof SYSTEM_API_VERSION;
  kind: typeof SYSTEM_KIND;
  metadata: { name: string };
  spec: {
    /** Backstage owner of the system, e.g. `group:default/team-commerce`. */
    owner: string;
    /** GitHub teams (`@org/team`) that approve changes to this entry. */
    codeOwners: string[];
    /** Repository names in the organisation, already normalised (DNS labels). */
    repositories: string[];
    /** Hostnames the system may serve: each domain and its subdomains. */
    domains: string[];
    environments?: Partial<Record<Environment, SystemEnvironmentPolicies>>;
  };
}

/** Names Argo CD or the platform already use as AppProjects or namespaces. */
export const RESERVED_SYSTEMS = [
  'default',
  'bootstrap',
  'platform',
  'tenancy',
  'idp',
];
/** Repo names become `<repo>-<env>` Application names and label values (63). */
export const MAX_REPOSITORY_NAME = 57;
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;
const CODE_OWNER = /^@[A-Za-z0-9][-A-Za-z0-9]*\/[A-Za-z0-9][-._A-Za-z0-9]*$/;
const APPROVER = /^[A-Za-z0-9][-._:/A-Za-z0-9]*$/;

export interface RegistryIssue {
  path: string;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks one parsed registry entry; `file` is its name (`<system>.yaml`), which
 * must match `metadata.name`. Returns the issues, empty when valid.
 */
export function systemRegistrationIssues(
  doc: unknown,
  file?: string,
): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  if (!isObject(doc)) return [{ path: '', message: 'must be a mapping' }];
  const known = (
    obj: Record<string, unknown>,
    path: string,
    keys: string[],
  ) => {
    for (const k of Object.keys(obj))
      if (!keys.includes(k)) add(`${path}${k}`, 'is not a known field');
  };
  known(doc, '', ['apiVersion', 'kind', 'metadata', 'spec']);
  if (doc.apiVersion !== SYSTEM_API_VERSION)
    add('apiVersion', `must be ${SYSTEM_API_VERSION}`);
  if (doc.kind !== SYSTEM_KIND) add('kind', `must be ${SYSTEM_KIND}`);
  const name = isObject(doc.metadata) ? doc.metadata.name : undefined;
  if (
    typeof name !== 'string' ||
    !DNS_LABEL.test(name) ||
    name.length > MAX_SYSTEM_NAME
  ) {
    add(
      'metadata.name',
      `must be a DNS label of at most ${MAX_SYSTEM_NAME} characters`,
    );
  } else if (RESERVED_SYSTEMS.includes(name) || name.startsWith('idp-')) {
    add('metadata.name', `"${name}" is reserved for the platform`);
  } else if (file !== undefined && file !== `${name}.yaml`) {
    add('metadata.name', `must match the file name (${file})`);
  }
  const spec = doc.spec;
  if (!isObject(spec)) {
    add('spec', 'is required');
    return issues;
  }
  known(spec, 'spec.', [
    'owner',
    'codeOwners',
    'repositories',
    'domains',
    'environments',
  ]);
  if (typeof spec.owner !== 'string' || spec.owner.length === 0)
    add(
      'spec.owner',
      'is required (a Backstage group, e.g. group:default/team-x)',
    );
  const list = (
    key: string,
    valid: (s: string) => boolean,
    rule: string,
    min: number,
  ) => {
    const v = spec[key];
    if (!Array.isArray(v) || v.length < min) {
      add(
        `spec.${key}`,
        `must be a list with at least ${min} entr${min === 1 ? 'y' : 'ies'}`,
      );
      return;
    }
    const seen = new Set<unknown>();
    v.forEach((s, i) => {
      if (typeof s !== 'string' || !valid(s))
        add(`spec.${key}[${i}]`, `${JSON.stringify(s)} ${rule}`);
      else if (seen.has(s)) add(`spec.${key}[${i}]`, `${s} is listed twice`);
      seen.add(s);
    });
  };
  list(
    'codeOwners',
    s => CODE_OWNER.test(s),
    'is not a GitHub team (@org/team)',
    1,
  );
  list(
    'repositories',
    s => DNS_LABEL.test(s) && s.length <= MAX_REPOSITORY_NAME,
    `is not a normalised repository name (lower-case DNS label of at most ${MAX_REPOSITORY_NAME} characters)`,
    0,
  );
  list(
    'domains',
    s => HOSTNAME.test(s),
    'is not a lower-case DNS name with at least two labels',
    1,
  );
  if (spec.environments !== undefined) {
    if (!isObject(spec.environments))
      add('spec.environments', 'must be a mapping');
    else {
      for (const [env, value] of Object.entries(spec.environments)) {
        const path = `spec.environments.${env}`;
        if (!(ENVIRONMENTS as readonly string[]).includes(env)) {
          add(path, `is not one of ${ENVIRONMENTS.join(', ')}`);
          continue;
        }
        if (!isObject(value)) {
          add(path, 'must be a mapping');
          continue;
        }
        const { approvers, ...policies } = value;
        if (approvers !== undefined) {
          if (
            !Array.isArray(approvers) ||
            approvers.some(a => typeof a !== 'string' || !APPROVER.test(a))
          )
            add(`${path}.approvers`, 'must be a list of SSO group names');
        }
        // The stack's own policy schema, so the registry and stack.yaml cannot drift apart.
        const parsed = environmentSchema.shape.policies.safeParse(policies);
        if (!parsed.success) {
          for (const i of parsed.error.issues)
            add([path, ...i.path.map(String)].join('.'), i.message);
        }
      }
    }
  }
  return issues;
}

/** Parses a registry entry, throwing one error that names every field and rule. */
export function parseSystemRegistration(
  text: string,
  file?: string,
): SystemRegistration {
  const doc = parse(text);
  const issues = systemRegistrationIssues(doc, file);
  if (issues.length > 0) {
    throw new Error(
      `${file ?? 'system registration'}: ${issues
        .map(i => `${i.path || '(root)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return doc as SystemRegistration;
}

/**
 * Checks a whole registry (entries already parsed, sorted by name): refuses a
 * repository registered to two systems (it could then pick either by its topic).
 */
export function checkSystemRegistry(
  systems: SystemRegistration[],
): SystemRegistration[] {
  const owner = new Map<string, string>();
  for (const s of systems) {
    for (const r of s.spec.repositories) {
      const other = owner.get(r);
      if (other)
        throw new Error(
          `repository ${r} is registered to both ${other} and ${s.metadata.name}`,
        );
      owner.set(r, s.metadata.name);
    }
  }
  return systems;
}
