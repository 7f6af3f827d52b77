import { createApiRef } from '@backstage/core-plugin-api';
import type { StackHealthClient } from '@idp-stack/plugin-stack-common';

/**
 * What the stack frontend needs from the `stack` backend: the shared
 * isomorphic client's read methods and the sync/refresh actions, so tests
 * can fake just these.
 */
export type StackApi = Pick<
  StackHealthClient,
  | 'getHealth'
  | 'getHealthBatch'
  | 'getBuilds'
  | 'getStack'
  | 'getCapabilities'
  | 'sync'
  | 'refresh'
  | 'getLooseStacks'
  | 'getEntityLooseStacks'
> &
  // Promotions (Builds tab): optional so a fake without them shows no promote button.
  Partial<Pick<StackHealthClient, 'promote' | 'getPromotions'>>;

/** The stack backend client, provided by the plugin's API factory. */
export const stackApiRef = createApiRef<StackApi>({
  id: 'plugin.stack.api',
});
