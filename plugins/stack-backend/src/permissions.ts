import { createPermission } from '@backstage/plugin-permission-common';

/** Allows `POST /actions/sync` and `/actions/refresh` on an entity's Application. */
export const stackApplicationSyncPermission = createPermission({
  name: 'stack.application.sync',
  attributes: { action: 'update' },
});

export const stackPermissions = [stackApplicationSyncPermission];
