import type { ApplicationHealth } from '@idp-stack/plugin-stack-common';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { ArgoCdClient } from './ArgoCdClient';
import { RefreshingValue } from './RefreshingValue';
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

// Last known data outlives the refresh interval so a failing instance still shows something.
const KEEP_LAST_KNOWN_MS = 7 * 24 * 3600_000;

/**
 * Every Application of every Argo CD instance: one list call per instance
 * per refresh interval, whatever the request load (see RefreshingValue).
 * Each result also goes to the cache service, so another replica (sharing
 * Redis) adopts a fresh list instead of calling Argo CD again, and a
 * restarted replica starts from the last known list if Argo CD is down.
 */
export class ApplicationStore {
  private readonly entries: Array<{
    client: ArgoCdClient;
    data: RefreshingValue<Snapshot>;
  }>;

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
    this.entries = clients.map(client => {
      const key = `argocd:applications:${client.instance.name}`;
      // A tiny key beside the list: checking it costs nothing, while
      // deserialising a 1,500-Application list blocks the event loop.
      const fetchedAtKey = `${key}:fetchedAt`;
      const shared = async () =>
        (await opts.cache.get(key).catch(() => undefined)) as
          | Snapshot
          | undefined;
      const data: RefreshingValue<Snapshot> = new RefreshingValue<Snapshot>({
        upstream: client.upstream,
        intervalMs: opts.refreshIntervalMs,
        logger: opts.logger,
        load: async () => {
          const otherAt = (await opts.cache
            .get(fetchedAtKey)
            .catch(() => undefined)) as number | undefined;
          if (
            otherAt &&
            otherAt > (data.fetchedAt ?? 0) &&
            Date.now() - otherAt < opts.refreshIntervalMs
          ) {
            // Another replica listed this instance moments ago.
            const other = await shared();
            if (other) {
              return { value: other, fetchedAt: other.fetchedAt };
            }
          }
          const snapshot = await this.list(client);
          try {
            await opts.cache.set(key, snapshot as any, {
              ttl: KEEP_LAST_KNOWN_MS,
            });
            await opts.cache.set(fetchedAtKey, snapshot.fetchedAt, {
              ttl: KEEP_LAST_KNOWN_MS,
            });
          } catch (e) {
            opts.logger.warn(`stack: cache write failed: ${e}`);
          }
          return { value: snapshot, fetchedAt: snapshot.fetchedAt };
        },
        fallback: async () => {
          const other = await shared();
          return other && { value: other, fetchedAt: other.fetchedAt };
        },
      });
      return { client, data };
    });
  }

  /** Current views of all instances; starts due refreshes without waiting for them. */
  async views(): Promise<InstanceView[]> {
    await Promise.all(this.entries.map(e => e.data.current()));
    return this.entries.map(e => ({
      instance: e.client.instance.name,
      snapshot: e.data.value,
      error: e.data.error,
    }));
  }

  client(instance: string): ArgoCdClient | undefined {
    return this.entries.find(e => e.client.instance.name === instance)?.client;
  }

  /** Makes the next request list the instance again (after a sync or refresh). */
  invalidate(instance: string): void {
    this.entries
      .find(e => e.client.instance.name === instance)
      ?.data.invalidate();
  }

  private async list(client: ArgoCdClient): Promise<Snapshot> {
    const items = await client.listApplications(this.opts.selector);
    return {
      fetchedAt: Date.now(),
      apps: items.map(app => ({
        labels: app.metadata.labels ?? {},
        health: toApplicationHealth(
          app,
          client.instance,
          this.opts.historyLimit,
        ),
      })),
    };
  }
}
