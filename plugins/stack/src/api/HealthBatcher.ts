import type {
  EntityHealth,
  HealthBatchResponse,
  InstanceStatus,
} from '@idp-stack/plugin-stack-common';
import { HEALTH_BATCH_LIMIT } from '@idp-stack/plugin-stack-common';
import type { StackApi } from './stackApiRef';

/** The backend accepts at most this many refs per batch request. */

/** What one entity's lookup resolves to. */
export interface BatchedHealth {
  health?: EntityHealth;
  error?: { name: string; message: string };
  instances: InstanceStatus[];
}

type Waiter = {
  resolve: (value: BatchedHealth) => void;
  reject: (error: unknown) => void;
};

/**
 * Coalesces the per-row health lookups of a catalog page into one
 * `POST /health/batch` request: every lookup made in the same tick joins
 * the same request (split only past the backend's 100-ref limit).
 * Catalog-graph style per-entity requests are what floods backends (#18336).
 */
export class HealthBatcher {
  private pending = new Map<string, Waiter[]>();
  private scheduled = false;

  constructor(private readonly api: Pick<StackApi, 'getHealthBatch'>) {}

  load(entityRef: string): Promise<BatchedHealth> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(entityRef) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(entityRef, waiters);
      if (!this.scheduled) {
        this.scheduled = true;
        // A macrotask, not a microtask: React commits a whole table's cells
        // (and their effects) before this runs.
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush() {
    const batch = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    const refs = [...batch.keys()];
    for (let i = 0; i < refs.length; i += HEALTH_BATCH_LIMIT) {
      const chunk = refs.slice(i, i + HEALTH_BATCH_LIMIT);
      this.api.getHealthBatch(chunk).then(
        res => settle(batch, chunk, res),
        err =>
          chunk.forEach(ref => batch.get(ref)!.forEach(w => w.reject(err))),
      );
    }
  }
}

function settle(
  batch: Map<string, Waiter[]>,
  chunk: string[],
  res: HealthBatchResponse,
) {
  // Items come back in request order; the backend may normalise the refs.
  chunk.forEach((ref, index) => {
    const item = res.items[index];
    const value: BatchedHealth = { instances: res.instances };
    if (!item) {
      value.error = { name: 'NotFoundError', message: `no result for ${ref}` };
    } else if ('health' in item) {
      value.health = item.health;
    } else {
      value.error = item.error;
    }
    batch.get(ref)!.forEach(w => w.resolve(value));
  });
}
