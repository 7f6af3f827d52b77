import type { SyncInitiator } from '@idp-stack/plugin-stack-common';

/**
 * "by alice" or "by Argo CD (automated)" for who started a sync; undefined
 * when Argo CD recorded nobody, so the caller says nothing rather than guess.
 */
export function initiatorText(initiator?: SyncInitiator): string | undefined {
  if (initiator?.automated) return 'by Argo CD (automated)';
  if (initiator?.username) return `by ${initiator.username}`;
  return undefined;
}
