import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type {
  EntityHealth,
  InstanceStatus,
} from '@idp-stack/plugin-stack-common';
import { HEALTH_BATCH_LIMIT } from '@idp-stack/plugin-stack-common';
import { stackApiRef } from '../api/stackApiRef';

export interface StackHealthBatch {
  /** The refs this answer is for (joined), to tell it from an older answer. */
  key: string;
  /** Health by the entity ref as requested. */
  health: Map<string, EntityHealth>;
  /** Why an entity has no health (no Argo CD annotation, not found, …). */
  errors: Map<string, string>;
  instances: InstanceStatus[];
}

/**
 * Health of a known set of entities (a system's parts, a catalog page) with
 * one `POST /health/batch` per 100 refs. Re-fetches only when the set changes.
 */
export function useStackHealthBatch(entityRefs: string[]) {
  const api = useApi(stackApiRef);
  const key = entityRefs.join(',');
  const state = useAsync(async (): Promise<StackHealthBatch> => {
    const result: StackHealthBatch = {
      key,
      health: new Map(),
      errors: new Map(),
      instances: [],
    };
    const chunks: string[][] = [];
    for (let i = 0; i < entityRefs.length; i += HEALTH_BATCH_LIMIT) {
      chunks.push(entityRefs.slice(i, i + HEALTH_BATCH_LIMIT));
    }
    const responses = await Promise.all(chunks.map(c => api.getHealthBatch(c)));
    responses.forEach((res, c) => {
      res.items.forEach((item, i) => {
        const ref = chunks[c][i];
        if ('health' in item) result.health.set(ref, item.health);
        else result.errors.set(ref, item.error.message);
      });
      for (const instance of res.instances) {
        if (!result.instances.some(x => x.instance === instance.instance)) {
          result.instances.push(instance);
        }
      }
    });
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  // useAsync keeps the previous value for one render after the refs change;
  // an answer for other refs must read as loading, never as "no data".
  const current = state.value?.key === key ? state.value : undefined;
  const settled = Boolean(current) || (Boolean(state.error) && !state.loading);
  return {
    loading: !settled,
    error: settled ? state.error : undefined,
    value: current,
  };
}
