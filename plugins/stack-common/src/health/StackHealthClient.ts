import type {
  ApplicationActionRequest,
  ApplicationActionResponse,
  EntityBuilds,
  EntityHealth,
  HealthBatchResponse,
  StackCapabilities,
} from './types';
import type { EntityStack } from '../stackInfo/types';
import type {
  OpenPromotions,
  PromotionRequest,
  PromotionResponse,
} from './promotionTypes';
import type { LooseStacksResponse } from '../loose/types';
import { ResponseError } from '@backstage/errors';
import { entityRefToPath } from './entityRefToPath';

/** The parts of Backstage's `DiscoveryApi` the client needs. */
export interface StackHealthDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** The parts of Backstage's `FetchApi` the client needs (it adds the user's credentials). */
export interface StackHealthFetch {
  fetch: typeof fetch;
}

/**
 * A non-2xx answer from the stack backend. Parsed by Backstage's
 * `ResponseError.fromResponse` (kept as `cause`); the message is the
 * backend's own, so the UI can show it as it is.
 */
export class StackHealthApiError extends Error {
  /** Reads the backend's error body (`{ error, request, response }`, Backstage's ErrorResponseBody). */
  static async fromResponse(
    response: Parameters<typeof ResponseError.fromResponse>[0],
  ): Promise<StackHealthApiError> {
    return new StackHealthApiError(await ResponseError.fromResponse(response));
  }

  override readonly cause: ResponseError;

  private constructor(cause: ResponseError) {
    super(cause.cause.message);
    this.name = 'StackHealthApiError';
    this.cause = cause;
  }

  get status(): number {
    return this.cause.statusCode;
  }

  /** The backend error's name, e.g. `NotFoundError`, `InputError`. */
  get errorName(): string {
    return this.cause.cause.name;
  }

  /** Other fields of the backend's error, e.g. `reason` and `issues` of `getStack`. */
  get details(): Record<string, unknown> {
    const {
      name: _name,
      message: _message,
      stack: _stack,
      ...rest
    } = this.cause.body.error as Record<string, unknown>;
    return rest;
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

  /**
   * The validated stack.yaml of the entity's repository; throws with
   * `details.reason` when unavailable. `atHead`: read at the branch's
   * current commit, returned as `commitSha` (what an editor starts from).
   */
  getStack(
    entityRef: string,
    options?: { atHead?: boolean },
  ): Promise<EntityStack> {
    return this.request(
      `/stack/${entityRefToPath(entityRef)}${
        options?.atHead ? '?at=head' : ''
      }`,
    );
  }

  /** Loose stacks across the catalog, or of one system (`GET /loose?system=`). */
  getLooseStacks(system?: string): Promise<LooseStacksResponse> {
    const query = system ? `?system=${encodeURIComponent(system)}` : '';
    return this.request(`/loose${query}`);
  }

  /** Loose-stack items that concern one entity (its repository, or a system's repositories). */
  getEntityLooseStacks(entityRef: string): Promise<LooseStacksResponse> {
    return this.request(`/loose/${entityRefToPath(entityRef)}`);
  }

  /** What the portal's configuration allows (first-run notices). */
  getCapabilities(): Promise<StackCapabilities> {
    return this.request('/capabilities');
  }

  /** Starts a sync of the entity's Application in one environment. */
  sync(req: ApplicationActionRequest): Promise<ApplicationActionResponse> {
    return this.request('/actions/sync', req);
  }

  /** Asks Argo CD to refresh the entity's Application in one environment. */
  refresh(req: ApplicationActionRequest): Promise<ApplicationActionResponse> {
    return this.request('/actions/refresh', req);
  }

  /** Opens a pull request promoting a build to the next environment. */
  promote(req: PromotionRequest): Promise<PromotionResponse> {
    return this.request('/promotions', req);
  }

  /** Open promotion pull requests of the entity's repository, per environment. */
  getPromotions(entityRef: string): Promise<OpenPromotions> {
    return this.request(
      `/promotions?entityRef=${encodeURIComponent(entityRef)}`,
    );
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
    if (!res.ok) throw await StackHealthApiError.fromResponse(res);
    return (await res.json()) as T;
  }
}
