import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { JsonObject } from '@backstage/types';

/**
 * createMockActionContext whose checkpoint behaves like the task runner's: a
 * key that succeeded returns its stored value without running again, a key
 * that threw runs again. `store` survives between "attempts" of a task.
 */
export function memoisingContext<I extends JsonObject>(
  options: Parameters<typeof createMockActionContext<I>>[0] & {
    store?: Map<string, unknown>;
  },
) {
  const store = options.store ?? new Map<string, unknown>();
  const ran: string[] = [];
  const ctx = createMockActionContext<I>(options);
  ctx.checkpoint = (async ({ key, fn }: { key: string; fn: () => any }) => {
    if (store.has(key)) return store.get(key);
    ran.push(key);
    const value = await fn();
    store.set(
      key,
      value === undefined ? null : JSON.parse(JSON.stringify(value)),
    );
    return value;
  }) as typeof ctx.checkpoint;
  return { ctx, store, ran };
}
