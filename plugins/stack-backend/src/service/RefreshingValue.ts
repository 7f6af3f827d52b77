import { LoggerService } from '@backstage/backend-plugin-api';
import { UpstreamFailure } from './UpstreamFailure';

/** What one load produced, and when the data was fetched upstream. */
export interface Loaded<T> {
  value: T;
  fetchedAt: number;
}

/**
 * A value loaded from an upstream at most once per interval, whatever the
 * request load:
 * - concurrent callers share one in-flight load (single-flight);
 * - once a value exists, callers never wait for the upstream: a due refresh
 *   runs in the background and the last value is served meanwhile, so a slow
 *   instance does not slow the portal;
 * - a failed load keeps the last value and records the error; it is retried
 *   after the interval, not on every request.
 */
export class RefreshingValue<T> {
  value?: T;
  fetchedAt?: number;
  error?: UpstreamFailure;
  private lastAttemptAt = 0;
  private inflight?: Promise<void>;

  constructor(
    private readonly opts: {
      upstream: string;
      intervalMs: number;
      logger: LoggerService;
      load: () => Promise<Loaded<T>>;
      /** Last known data from elsewhere (the shared cache) when the load fails with none in memory. */
      fallback?: () => Promise<Loaded<T> | undefined>;
    },
  ) {}

  /** Starts a due refresh; waits only when there is no value yet. */
  async current(): Promise<void> {
    if (Date.now() - this.lastAttemptAt >= this.opts.intervalMs) {
      this.inflight ??= this.refresh().finally(() => {
        this.inflight = undefined;
      });
    }
    if (this.value === undefined && this.inflight) {
      await this.inflight;
    }
  }

  /**
   * Changes the value with what the upstream pushed (a webhook) without
   * asking it; the refresh schedule stays as it is. Nothing happens before a
   * first load: that load reads the change anyway.
   */
  update(change: (value: T) => T): void {
    if (this.value === undefined) return;
    this.value = change(this.value);
    this.fetchedAt = Date.now();
  }

  /** Makes the next `current()` refresh (after a sync or refresh action). */
  invalidate(): void {
    this.lastAttemptAt = 0;
  }

  private async refresh(): Promise<void> {
    this.lastAttemptAt = Date.now();
    try {
      const loaded = await this.opts.load();
      this.value = loaded.value;
      this.fetchedAt = loaded.fetchedAt;
      this.error = undefined;
    } catch (e) {
      this.error = UpstreamFailure.from(e, this.opts.upstream);
      this.opts.logger.warn(`stack: ${this.error.message}`);
      if (this.value === undefined && this.opts.fallback) {
        const known = await this.opts.fallback().catch(() => undefined);
        if (known) {
          this.value = known.value;
          this.fetchedAt = known.fetchedAt;
        }
      }
    }
  }
}
