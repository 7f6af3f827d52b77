import type { SyncInitiator } from '@idp-stack/plugin-stack-common';
import { ArgoOperationInitiator } from './argoTypes';

/**
 * Argo CD's `initiatedBy` as the API's `SyncInitiator`; undefined when Argo CD
 * recorded nobody (absent on old history entries, `{}` when unset).
 */
export function toSyncInitiator(
  initiator?: ArgoOperationInitiator,
): SyncInitiator | undefined {
  const username = initiator?.username || undefined;
  const automated = initiator?.automated === true;
  if (!username && !automated) {
    return undefined;
  }
  return username ? { username, automated } : { automated };
}
