import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { DEFAULT_APPROVAL_ENVIRONMENTS } from '@idp-stack/plugin-stack-common';

/** One Argo CD instance as configured under `stack.argocd.instances`. */
export interface ArgoInstanceConfig {
  name: string;
  url: string;
  uiUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

/** The `stack:` config block with defaults applied. */
export interface StackConfig {
  argocd: {
    instances: ArgoInstanceConfig[];
    selector: string;
    refreshIntervalMs: number;
    timeoutMs: number;
    historyLimit: number;
  };
  github: {
    refreshIntervalMs: number;
    timeoutMs: number;
    maxRuns: number;
    maxPages: number;
    /** Only repositories of these owners are read (stack files, runs) or mapped to Applications. */
    organizations: string[];
    /** Largest stack file read, in bytes. */
    maxFileBytes: number;
    /** `stack.github.integrations`: a read-only credential of its own; undefined means `integrations.github`. */
    integrations?: Config[];
    retries: number;
    retryBaseDelayMs: number;
    /** Least time between two GitHub writes (promotions). */
    writeIntervalMs: number;
    /** `stack.github.webhooks`: runs updated by `workflow_run` events, polled only as a fallback. */
    webhooks: { enabled: boolean; fallbackPollIntervalMs: number };
  };
  /** `stack.systemRegistry`: the platform repository's `argocd/systems`; undefined when not configured. */
  systemRegistry?: {
    host: string;
    owner: string;
    repo: string;
    path: string;
    ref: string;
  };
  actionsEnabled: boolean;
  /** Environments whose sync needs the approved-sync permission (the stack's `manualApproval` default). */
  approvalEnvironments: string[];
}

function durationMs(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

/**
 * Refuses `https://user:pw@host`: credentials belong in token or
 * username/password (secret-visibility keys), and a URL is echoed in logs
 * and errors. The message names the key, never the URL.
 */
function refuseUserInfo(url: string, key: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${key} is not a URL`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError(
      `${key} must not contain credentials (user:password@): set token, or username and password, instead`,
    );
  }
  return url;
}

function readInstance(c: Config, index: number): ArgoInstanceConfig {
  const where = `stack.argocd.instances[${index}]`;
  const name = c.getString('name');
  const url = c.getString('url').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) {
    throw new InputError(`${where}.url must start with http:// or https://`);
  }
  refuseUserInfo(url, `${where}.url`);
  const token = c.getOptionalString('token');
  const username = c.getOptionalString('username');
  const password = c.getOptionalString('password');
  if (!token && !(username && password)) {
    throw new InputError(
      `${where} (${name}) needs either token or username and password`,
    );
  }
  return {
    name,
    url,
    uiUrl: refuseUserInfo(
      (c.getOptionalString('uiUrl') ?? url).replace(/\/+$/, ''),
      `${where}.uiUrl`,
    ),
    token,
    username,
    password,
  };
}

/** `stack.systemRegistry`: `repository` is `owner/repo`; path and ref have defaults. */
function readSystemRegistryLocation(
  c: Config | undefined,
): StackConfig['systemRegistry'] {
  if (!c) return undefined;
  const repository = c.getString('repository');
  const m = /^([A-Za-z0-9][-A-Za-z0-9]*)\/([A-Za-z0-9._-]+)$/.exec(repository);
  if (!m) {
    throw new InputError(
      `stack.systemRegistry.repository must be owner/repo, e.g. acme/idp-platform`,
    );
  }
  const path = (c.getOptionalString('path') ?? 'argocd/systems').replace(
    /^\/+|\/+$/g,
    '',
  );
  if (path.split('/').some(s => s === '..' || s === '.')) {
    throw new InputError(`stack.systemRegistry.path must not contain . or ..`);
  }
  return {
    host: c.getOptionalString('host') ?? 'github.com',
    owner: m[1],
    repo: m[2],
    path,
    ref: c.getOptionalString('ref') ?? 'main',
  };
}

function nonNegative(v: number, key: string): number {
  if (!Number.isInteger(v) || v < 0) {
    throw new InputError(`stack.github.${key} must be a non-negative integer`);
  }
  return v;
}

/** Reads `stack:`; throws an InputError naming the key for a bad value. */
export function readStackConfig(root: Config): StackConfig {
  const stack = root.getOptionalConfig('stack');
  const argo = stack?.getOptionalConfig('argocd');
  const gh = stack?.getOptionalConfig('github');
  const instances = (argo?.getOptionalConfigArray('instances') ?? []).map(
    readInstance,
  );
  const names = new Set<string>();
  for (const i of instances) {
    if (names.has(i.name)) {
      throw new InputError(
        `stack.argocd.instances: name "${i.name}" is used twice; names must be unique`,
      );
    }
    names.add(i.name);
  }
  const positive = (
    c: Config | undefined,
    key: string,
    fallback: number,
    where: string,
  ) => {
    const v = c?.getOptionalNumber(key) ?? fallback;
    if (!Number.isInteger(v) || v < 1) {
      throw new InputError(`stack.${where}.${key} must be a positive integer`);
    }
    return v;
  };
  return {
    argocd: {
      instances,
      selector: argo?.getOptionalString('selector') ?? 'idp.platform/repo',
      refreshIntervalMs: argo
        ? durationMs(argo, 'refreshInterval', 30_000)
        : 30_000,
      timeoutMs: argo ? durationMs(argo, 'timeout', 10_000) : 10_000,
      historyLimit: positive(argo, 'historyLimit', 5, 'argocd'),
    },
    github: {
      refreshIntervalMs: gh
        ? durationMs(gh, 'refreshInterval', 60_000)
        : 60_000,
      timeoutMs: gh ? durationMs(gh, 'timeout', 10_000) : 10_000,
      maxRuns: positive(gh, 'maxRuns', 20, 'github'),
      maxPages: positive(gh, 'maxPages', 3, 'github'),
      organizations: gh?.getOptionalStringArray('organizations') ?? [],
      maxFileBytes: positive(gh, 'maxFileBytes', 256 * 1024, 'github'),
      integrations: gh?.getOptionalConfigArray('integrations'),
      retries: nonNegative(gh?.getOptionalNumber('retries') ?? 2, 'retries'),
      retryBaseDelayMs: gh ? durationMs(gh, 'retryBaseDelay', 1_000) : 1_000,
      writeIntervalMs: gh ? durationMs(gh, 'writeInterval', 1_000) : 1_000,
      webhooks: {
        enabled: gh?.getOptionalBoolean('webhooks.enabled') ?? false,
        fallbackPollIntervalMs: gh?.has('webhooks.fallbackPollInterval')
          ? durationMs(gh, 'webhooks.fallbackPollInterval', 3_600_000)
          : 3_600_000,
      },
    },
    systemRegistry: readSystemRegistryLocation(
      stack?.getOptionalConfig('systemRegistry'),
    ),
    actionsEnabled: stack?.getOptionalBoolean('actions.enabled') ?? false,
    approvalEnvironments: stack?.getOptionalStringArray(
      'actions.approvalEnvironments',
    ) ?? [...DEFAULT_APPROVAL_ENVIRONMENTS],
  };
}
