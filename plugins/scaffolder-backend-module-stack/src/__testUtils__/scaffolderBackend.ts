import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { BackendFeature } from '@backstage/backend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleTemplateKind from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { JsonObject } from '@backstage/types';
import stackPolicy from '@idp-stack/plugin-permission-backend-module-stack-policy';
import { SetupServer } from 'msw/node';
import request from 'supertest';
// The portal's helper (packages/backend): a plugin's on-behalf-of token keeps
// the plugin as actor, as Backstage's real auth service does; the plain mock
// drops it and the permission backend refuses the catalog's list queries.
// Test-only, reused rather than copied; it has no shared package yet.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { oboAuthServiceFactories } from '../../../../packages/backend/src/__testUtils__/oboAuth';
import scaffolderModuleStack from '..';
import { waitFor } from './scaffolderTasks';

/** msw answers every outside request; loopback (the backend itself) passes. */
export function listenOutsideLoopback(server: SetupServer) {
  server.listen({
    onUnhandledRequest(req, print) {
      const host = new URL(req.url).hostname;
      if (host !== 'localhost' && host !== '127.0.0.1') print.error();
    },
  });
}

/**
 * The real scaffolder backend as the portal runs it: startTestBackend +
 * scaffolder + catalog (with the Template kind) + this module + the
 * permission backend with the portal's stack policy (platform and approvers
 * group `group:default/platform`), GitHub's integration with a token, no
 * write pacing. Waits until the catalog serves every entity of `entities`
 * (`kind/namespace/name`) and returns the backend's HTTP server.
 */
export async function startScaffolderBackend(options: {
  /** Features besides those above (e.g. the GitHub scaffolder module). */
  features?: BackendFeature[];
  /** `idp` config besides `idp.github` (e.g. `argocd`). */
  idp?: JsonObject;
  /** Kinds the catalog accepts. */
  allow: string[];
  /** `catalog.locations`. */
  locations: { type: string; target: string }[];
  entities: string[];
}) {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      catalogPlugin,
      catalogModuleTemplateKind,
      scaffolderModuleStack,
      ...(options.features ?? []),
      permissionPlugin,
      stackPolicy,
      ...oboAuthServiceFactories,
      mockServices.rootConfig.factory({
        data: {
          permission: {
            enabled: true,
            stackPolicy: {
              platformGroup: 'group:default/platform',
              approversGroup: 'group:default/platform',
            },
          },
          integrations: {
            github: [{ host: 'github.com', token: 'ghp_test_token' }],
          },
          idp: {
            github: {
              writeIntervalMs: 0,
              retryBaseDelayMs: 1,
              allowedOwners: ['acme'],
            },
            ...options.idp,
          },
          catalog: {
            rules: [{ allow: options.allow }],
            locations: options.locations,
          },
        },
      }),
    ],
  });
  const server = backend.server;
  await Promise.all(
    options.entities.map(ref =>
      waitFor(async () => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-name/${ref}`)
          .set('Authorization', mockCredentials.user.header());
        return res.status === 200 ? true : undefined;
      }, ref),
    ),
  );
  return server;
}
