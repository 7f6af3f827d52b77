import type { ApplicationHealth } from '@internal/plugin-stack-common';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { ArgoCdClient } from './ArgoCdClient';
import { toApplicationHealth } from './toApplicationHealth';
import { UpstreamFailure } from './UpstreamFailure';

/** An Application as held in the cache: its labels (for selectors) and its mapped state. */
export interface StoredApplication {
  labels: Record<string, string>;
  health: ApplicationHealth;
}

/** One instance's list result; what the cache service holds. */
export interface Snapshot {
  fetchedAt: number;
  apps: StoredApplication[];
}

/** What a request sees of one instance: the newest data and the latest failure. */
export interface InstanceView {
  instance: string;
  snapshot?: Snapshot;
  error?: UpstreamFailure;
}

interface InstanceState {
  client: ArgoCdClient;
  snapshot?: Snapshot;
  lastAttemptAt: number;
  error?: UpstreamFailure;
  inflight?: Promise<void>;
}

// Last known data outlives the refresh interval so a failing instance still shows something.
const KEEP_LAST_KNOWN_MS = 7 * 24 * 3600_000;

/**
 * Holds every Application of every instance. One list call per instance per
 * refresh interval, whatever the request load: requests within the interval
 * read memory, concurrent requests after it share one in-flight call, and the
 * result goes to the cache service so other replicas can reuse it. A failed
 * call keeps the last known snapshot and is retried after the interval.
 */
export class ApplicationStore {
  private readonly states: InstanceState[];

  constructor(
    clients: ArgoCdClient[],
    private readonly opts: {
      cache: CacheService;
      logger: LoggerService;
      selector: string;
      refreshIntervalMs: number;
      historyLimit: number;
    },
  ) {
    this.states = clients.map(client => ({ client, lastAttemptAt: 0 }));
  }

  /** Current views of all instances, refreshing those that are due. */
  async views(): Promise<InstanceView[]> {
    await Promise.all(this.states.map(s => this.ensureFresh(s)));
    return this.states.map(s => ({
      instance: s.client.instance.name,
      snapshot: s.snapshot,
      error: s.error,
    }));
  }

  client(instance: string): ArgoCdClient | undefined {
    return this.states.find(s => s.client.instance.name === instance)?.client;
  }

  /** Makes the next request list the instance again (after a sync or refresh). */
  invalidate(instance: string): void {
    const state = this.states.find(s => s.client.instance.name === instance);
    if (state) {
      state.lastAttemptAt = 0;
    }
  }

  private ensureFresh(state: InstanceState): Promise<void> {
    if (Date.now() - state.lastAttemptAt < this.opts.refreshIntervalMs) {
      return Promise.resolve();
    }
    state.inflight ??= this.refresh(state).finally(() => {
      state.inflight = undefined;
    });
    return state.inflight;
  }

  private key(state: InstanceState): string {
    return `argocd:applications:${state.client.instance.name}`;
  }

  private async refresh(state: InstanceState): Promise<void> {
    const { cache, logger, refreshIntervalMs } = this.opts;
    state.lastAttemptAt = Date.now();
    const shared = await this.readShared(state);
    if (
      shared &&
      Date.now() - shared.fetchedAt < refreshIntervalMs &&
      shared.fetchedAt > (state.snapshot?.fetchedAt ?? 0)
    ) {
      // Another replica listed this instance moments ago.
      state.snapshot = shared;
      state.error = undefined;
      return;
    }
    try {
      const items = await state.client.listApplications(this.opts.selector);
      const instance = state.client.instance;
      const snapshot: Snapshot = {
        fetchedAt: Date.now(),
        apps: items.map(app => ({
          labels: app.metadata.labels ?? {},
          health: toApplicationHealth(app, instance, this.opts.historyLimit),
        })),
      };
      state.snapshot = snapshot;
      state.error = undefined;
      await cache
        .set(this.key(state), snapshot as any, { ttl: KEEP_LAST_KNOWN_MS })
        .catch(e => logger.warn(`stack: cache write failed: ${e}`));
    } catch (e) {
      state.error = UpstreamFailure.from(e, state.client.upstream);
      logger.warn(`stack: ${state.error.message}`);
      if (!state.snapshot && shared) {
        state.snapshot = shared;
      }
    }
  }

  private async readShared(state: InstanceState): Promise<Snapshot | undefined> {
    try {
      return (await this.opts.cache.get(this.key(state))) as
        | Snapshot
        | undefined;
    } catch {
      return undefined;
    }
  }
}
