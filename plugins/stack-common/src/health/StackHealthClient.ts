import type {
  ApplicationActionRequest,
  ApplicationActionResponse,
  EntityBuilds,
  EntityHealth,
  HealthBatchResponse,
} from './types';
import type { EntityStack } from '../stackInfo/types';
import { entityRefToPath } from './entityRefToPath';

/** The parts of Backstage's `DiscoveryApi` the client needs. */
export interface StackHealthDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The parts of Backstage's `FetchApi` the client needs (it adds the user's credentials). */
export interface StackHealthFetch {
  fetch: typeof fetch;
}

/** A non-2xx answer from the stack backend, carrying the backend's error name. */
export class StackHealthApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    /** Other fields of the backend's error body, e.g. `reason` and `issues` of `getStack`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'StackHealthApiError';
  }
}

/**
 * Talks to the `stack` backend plugin. Works in the browser and in Node:
 * it only needs `{ discoveryApi, fetchApi }`-shaped dependencies.
 */
export class StackHealthClient {
  private readonly discoveryApi: StackHealthDiscovery;
  private readonly fetchApi: StackHealthFetch;

  constructor(deps: {
    discoveryApi: StackHealthDiscovery;
    fetchApi: StackHealthFetch;
  }) {
    this.discoveryApi = deps.discoveryApi;
    this.fetchApi = deps.fetchApi;
  }

  /** Health of one entity per environment. */
  getHealth(entityRef: string): Promise<EntityHealth> {
    return this.request(`/health/${entityRefToPath(entityRef)}`);
  }

  /** Health of up to 100 entities in one request (a catalog page). */
  getHealthBatch(entityRefs: string[]): Promise<HealthBatchResponse> {
    return this.request('/health/batch', { entityRefs });
  }

  /** Latest workflow runs of the entity's repository. */
  getBuilds(entityRef: string): Promise<EntityBuilds> {
    return this.request(`/builds/${entityRefToPath(entityRef)}`);
  }

  /** The validated stack.yaml of the entity's repository; throws with `details.reason` when unavailable. */
  getStack(entityRef: string): Promise<EntityStack> {
    return this.request(`/stack/${entityRefToPath(entityRef)}`);
  }

  /** Starts a sync of the entity's Application in one environment. */
  sync(req: ApplicationActionRequest): Promise<ApplicationActionResponse> {
    return this.request('/actions/sync', req);
  }

  /** Asks Argo CD to refresh the entity's Application in one environment. */
  refresh(req: ApplicationActionRequest): Promise<ApplicationActionResponse> {
    return this.request('/actions/refresh', req);
  }

  private async request<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('stack');
    const init: RequestInit =
      body === undefined
        ? { method: 'GET' }
        : {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          };
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      // Backstage backends answer errors as { error: { name, message } }.
      let name = 'Error';
      let message = `${res.status} ${res.statusText}`;
      let details: Record<string, unknown> = {};
      try {
        const data = await res.json();
        const { name: n, message: m, ...rest } = data?.error ?? {};
        name = n ?? name;
        message = m ?? message;
        details = rest;
      } catch {
        // Not JSON: keep the status line.
      }
      throw new StackHealthApiError(res.status, name, message, details);
    }
    return (await res.json()) as T;
  }
}
