import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';

const SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/**
 * mockServices.auth, except that a token one plugin got on behalf of a user
 * authenticates as that user WITH the plugin as actor, as Backstage's
 * DefaultAuthService does for on-behalf-of plugin tokens. The plain mock
 * drops the actor, and the permission backend then treats the catalog's
 * list queries (resource permissions without a resourceRef) as direct user
 * requests and refuses them.
 */
const oboAuthServiceFactory = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const authenticate: typeof auth.authenticate = async (token, options) => {
      if (token.startsWith(SERVICE_TOKEN_PREFIX)) {
        const { sub, obo } = JSON.parse(
          token.slice(SERVICE_TOKEN_PREFIX.length),
        );
        if (obo) {
          await auth.authenticate(token, options); // target plugin check
          return mockCredentials.user(obo, { actor: { subject: sub } }) as any;
        }
      }
      return auth.authenticate(token, options);
    };
    return Object.assign(Object.create(auth), { authenticate });
  },
});

/**
 * The factories to add to startTestBackend: the auth service above and
 * Backstage's real HTTP auth service on top of it (the mock HTTP auth service
 * has an auth service of its own and would bypass ours).
 */
export const oboAuthServiceFactories = [
  oboAuthServiceFactory,
  httpAuthServiceFactory,
];
