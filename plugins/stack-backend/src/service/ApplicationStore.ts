import type {
  ApplicationHealth,
  UpstreamError,
} from '@idp-stack/plugin-stack-common';
import {
  CacheService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ArgoCdClient } from './ArgoCdClient';
import { toApplicationHealth } from './toApplicationHealth';
import { UpstreamFailure } from './UpstreamFailure';

/** An Application as held in the cache: its labels (for selectors) and its mapped state. */
export interface StoredApplication {
  labels: Record<string, string>;
  health: ApplicationHealth;
  /** Error conditions (`*Error`), e.g. an AppProject refusing the repository (loose stacks). */
  errors?: Array<{ type: string; message: string }>;
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
  /** No refresh of this instance has finished yet (cold start): no data, no error. */
  loading: boolean;
}

/** The small key beside each list: what the last refresh found, read by every replica. */
interface SharedStatus {
  fetchedAt?: number;
  error?: UpstreamError;
}

/** The global task: one runner across replicas lists every instance. */
export const REFRESH_TASK_ID = 'stack-argocd-refresh';
/** The local task: every replica adopts what the runner published. */
export const ADOPT_TASK_ID = 'stack-argocd-adopt';

// Last known data outlives the refresh interval so a failing instance still shows something.
const KEEP_LAST_KNOWN_MS = 7 * 24 * 3600_000;

interface Entry {
  client: ArgoCdClient;
  key: string;
  snapshot?: Snapshot;
  error?: UpstreamFailure;
}

/**
 * Every Application of every Argo CD instance, refreshed by a scheduled task
 * and never by a request:
 * - `refresh()` runs as a `scope: 'global'` task of `coreServices.scheduler`,
 *   so one replica at a time lists each instance once per interval (the
 *   scheduler locks it in the database: "only one worker machine runs the
 *   task at a time, according to the given cadence",
 *   https://backstage.io/docs/reference/backend-plugin-api.schedulerservicetaskscheduledefinition.scope);
 *   it writes the list and a small status key to the cache service (Redis in
 *   production);
 * - `adopt()` runs as a `scope: 'local'` task on every replica: it reads the
 *   small status key and, only when it names a newer list, the list;
 * - `views()` reads memory: a request never waits for Argo CD or the cache.
 *   Before the first refresh has finished an instance is `loading` (the
 *   answer says so; the next poll has data), and a restarted replica starts
 *   from the last list in the cache.
 */
export class ApplicationStore {
  private readonly entries: Entry[];
  private scheduler?: SchedulerService;

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
    this.entries = clients.map(client => ({
      client,
      key: `argocd:applications:${client.instance.name}`,
    }));
  }

  /**
   * Registers the refresh (global, first run at once) and the adoption
   * (local, a few times per interval so a replica lags the runner by a
   * fraction of it) with the plugin's scheduler.
   */
  async schedule(scheduler: SchedulerService, timeoutMs: number) {
    this.scheduler = scheduler;
    const interval = this.opts.refreshIntervalMs;
    await scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      scope: 'global',
      frequency: { milliseconds: interval },
      // A login, a list and one retry after a 401, each bounded by the timeout.
      timeout: { milliseconds: timeoutMs * 3 },
      fn: () => this.refresh(),
    });
    await scheduler.scheduleTask({
      id: ADOPT_TASK_ID,
      scope: 'local',
      frequency: {
        milliseconds: Math.max(200, Math.min(5_000, Math.round(interval / 3))),
      },
      timeout: { milliseconds: timeoutMs },
      fn: () => this.adopt(),
    });
  }

  /** Lists every instance and publishes the results (the global task). */
  async refresh(): Promise<void> {
    await Promise.all(this.entries.map(e => this.refreshOne(e)));
  }

  /** Takes what another replica published, reading a list only when it is newer (the local task). */
  async adopt(): Promise<void> {
    await Promise.all(
      this.entries.map(async entry => {
        const status = await this.read<SharedStatus>(`${entry.key}:status`);
        if (!status) {
          return;
        }
        if (status.fetchedAt && status.fetchedAt > this.fetchedAt(entry)) {
          const list = await this.read<Snapshot>(entry.key);
          if (list && list.fetchedAt > this.fetchedAt(entry)) {
            entry.snapshot = list;
          }
        }
        if (
          status.fetchedAt === undefined ||
          status.fetchedAt >= this.fetchedAt(entry)
        ) {
          entry.error =
            status.error &&
            new UpstreamFailure(status.error.kind, status.error.message);
        }
      }),
    );
  }

  /** Current views of all instances, from memory. */
  async views(): Promise<InstanceView[]> {
    return this.entries.map(e => ({
      instance: e.client.instance.name,
      snapshot: e.snapshot,
      error: e.error,
      loading: !e.snapshot && !e.error,
    }));
  }

  client(instance: string): ArgoCdClient | undefined {
    return this.entries.find(e => e.client.instance.name === instance)?.client;
  }

  /** Asks for a refresh now (after a sync or refresh action), on whichever replica runs it. */
  invalidate(instance: string): void {
    this.scheduler?.triggerTask(REFRESH_TASK_ID).catch(e => {
      // A run in progress (ConflictError) will pick the change up.
      this.opts.logger.debug(
        `stack: refresh after an action on ${instance} not triggered: ${e}`,
      );
    });
  }

  private fetchedAt(entry: Entry): number {
    return entry.snapshot?.fetchedAt ?? 0;
  }

  private async read<T>(key: string): Promise<T | undefined> {
    return (await this.opts.cache.get(key).catch(() => undefined)) as
      | T
      | undefined;
  }

  private async write(key: string, value: unknown) {
    try {
      await this.opts.cache.set(key, value as any, { ttl: KEEP_LAST_KNOWN_MS });
    } catch (e) {
      this.opts.logger.warn(`stack: cache write failed: ${e}`);
    }
  }

  private async refreshOne(entry: Entry): Promise<void> {
    const { client } = entry;
    try {
      const items = await client.listApplications(this.opts.selector);
      const snapshot: Snapshot = {
        fetchedAt: Date.now(),
        apps: items.map(app => ({
          labels: app.metadata.labels ?? {},
          errors: app.status?.conditions
            ?.filter(c => c.type.endsWith('Error'))
            .map(c => ({ type: c.type, message: c.message ?? '' })),
          health: toApplicationHealth(
            app,
            client.instance,
            this.opts.historyLimit,
          ),
        })),
      };
      entry.snapshot = snapshot;
      entry.error = undefined;
      // The list before its status, so a replica that sees the status finds the list.
      await this.write(entry.key, snapshot);
      await this.write(`${entry.key}:status`, {
        fetchedAt: snapshot.fetchedAt,
      } satisfies SharedStatus);
    } catch (e) {
      const failure = UpstreamFailure.from(e, client.upstream);
      entry.error = failure;
      this.opts.logger.warn(`stack: ${failure.message}`);
      // Keep pointing at the last good list (ours or the one in the cache).
      const previous = await this.read<SharedStatus>(`${entry.key}:status`);
      await this.write(`${entry.key}:status`, {
        fetchedAt: entry.snapshot?.fetchedAt ?? previous?.fetchedAt,
        error: failure.toJSON(),
      } satisfies SharedStatus);
      if (!entry.snapshot) {
        await this.adopt();
      }
    }
  }
}
