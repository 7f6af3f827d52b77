import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

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
  };
  actionsEnabled: boolean;
}

function durationMs(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function readInstance(c: Config, index: number): ArgoInstanceConfig {
  const where = `stack.argocd.instances[${index}]`;
  const name = c.getString('name');
  const url = c.getString('url').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) {
    throw new InputError(`${where}.url must start with http:// or https://`);
  }
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
    uiUrl: (c.getOptionalString('uiUrl') ?? url).replace(/\/+$/, ''),
    token,
    username,
    password,
  };
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
    },
    actionsEnabled: stack?.getOptionalBoolean('actions.enabled') ?? false,
  };
}
