import { ArgoInstanceConfig } from '../config';
import { ArgoSession } from './ArgoSession';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';
import {
  APPLICATION_FIELDS,
  ArgoApplication,
  ArgoApplicationList,
  ArgoApplicationSet,
  ArgoApplicationSetList,
} from './argoTypes';

/** Calls to one Argo CD instance's REST API. */
export class ArgoCdClient {
  readonly upstream: string;
  private readonly session: ArgoSession;

  constructor(
    readonly instance: ArgoInstanceConfig,
    private readonly timeoutMs: number,
  ) {
    this.upstream = `Argo CD instance "${instance.name}"`;
    this.session = new ArgoSession({
      upstream: this.upstream,
      url: instance.url,
      token: instance.token,
      username: instance.username,
      password: instance.password,
      timeoutMs,
    });
  }

  /** Every Application matching `selector`, projected to the fields the plugin maps. */
  async listApplications(selector: string): Promise<ArgoApplication[]> {
    const params = new URLSearchParams({ fields: APPLICATION_FIELDS });
    if (selector) {
      params.set('selector', selector);
    }
    const res = await this.call(`/api/v1/applications?${params}`, {
      method: 'GET',
    });
    const body = (await res.json()) as ArgoApplicationList;
    if (!body || (body.items !== null && !Array.isArray(body.items))) {
      throw new UpstreamFailure(
        'bad-response',
        `${this.upstream} answered an application list without items`,
      );
    }
    return body.items ?? [];
  }

  /** Every ApplicationSet the token may read (`GET /api/v1/applicationsets`), for their error conditions. */
  async listApplicationSets(): Promise<ArgoApplicationSet[]> {
    const res = await this.call('/api/v1/applicationsets', { method: 'GET' });
    const items = ((await res.json()) as ArgoApplicationSetList)?.items;
    // Go encodes an empty list as `items: null`.
    if (items === null) return [];
    if (!Array.isArray(items)) {
      throw new UpstreamFailure(
        'bad-response',
        `${this.upstream} answered an ApplicationSet list without items`,
      );
    }
    return items;
  }

  /** `POST /api/v1/applications/{name}/sync` at the tracked revision. */
  async sync(name: string, appNamespace?: string): Promise<void> {
    await this.call(`/api/v1/applications/${encodeURIComponent(name)}/sync`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ appNamespace }),
    });
  }

  /** `GET /api/v1/applications/{name}?refresh=normal`: re-read the repo. */
  async refresh(name: string, appNamespace?: string): Promise<void> {
    const params = new URLSearchParams({ refresh: 'normal' });
    if (appNamespace) {
      params.set('appNamespace', appNamespace);
    }
    await this.call(
      `/api/v1/applications/${encodeURIComponent(name)}?${params}`,
      { method: 'GET' },
    );
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    const attempt = async () =>
      fetchUpstream(
        this.upstream,
        `${this.instance.url}${path}`,
        {
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            Authorization: `Bearer ${await this.session.token()}`,
          },
        },
        this.timeoutMs,
      );
    try {
      return await attempt();
    } catch (e) {
      // An expired or revoked session token: log in again once.
      if (
        e instanceof UpstreamFailure &&
        e.kind === 'unauthorized' &&
        this.session.renewable
      ) {
        this.session.invalidate();
        return attempt();
      }
      throw e;
    }
  }
}
