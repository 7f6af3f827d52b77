import type { SyncInitiator } from '@idp-stack/plugin-stack-common';
import { initiatorText } from '../../lib/syncInitiator';

/** " by alice" / " by Argo CD (automated)" after a sync, or nothing. */
export function by(initiator?: SyncInitiator) {
  const text = initiatorText(initiator);
  return text ? ` ${text}` : '';
}
