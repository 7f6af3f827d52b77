import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { stackApiRef, StackApi } from '../api/stackApiRef';
import { HealthBatcher } from '../api/HealthBatcher';

// One batcher per API instance, so every cell of a page shares one request.
const batchers = new WeakMap<StackApi, HealthBatcher>();

function batcherFor(api: StackApi): HealthBatcher {
  let batcher = batchers.get(api);
  if (!batcher) {
    batcher = new HealthBatcher(api);
    batchers.set(api, batcher);
  }
  return batcher;
}

/**
 * Health of one entity, looked up together with every other lookup made in
 * the same tick (a catalog table page renders all its cells at once).
 * Pass `undefined` to skip the lookup (entity without the annotation).
 */
export function useBatchedEntityHealth(entityRef: string | undefined) {
  const api = useApi(stackApiRef);
  return useAsync(
    async () => (entityRef ? batcherFor(api).load(entityRef) : undefined),
    [api, entityRef],
  );
}
