import {
  ApiBlueprint,
  configApiRef,
  createFrontendModule,
  discoveryApiRef,
  githubAuthApiRef,
  oauthRequestApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import { oidcAuthApiRef } from './oidcAuthApiRef';

/** The buttons `app.signInProviders` may name. */
export const SIGN_IN_PROVIDERS: Record<string, SignInProviderConfig | 'guest'> =
  {
    guest: 'guest',
    oidc: {
      id: 'oidc-auth-provider',
      title: 'Single sign-on',
      message: 'Sign in with your company account (OpenID Connect)',
      apiRef: oidcAuthApiRef,
    },
    github: {
      id: 'github-auth-provider',
      title: 'GitHub',
      message: 'Sign in with your GitHub account',
      apiRef: githubAuthApiRef,
    },
  };

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Single sign-on', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

/** The sign-in page with the providers of `app.signInProviders` (guest locally; OIDC and GitHub in production). */
export function ConfiguredSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const ids = config.getOptionalStringArray('app.signInProviders') ?? ['guest'];
  const providers = ids
    .map(id => SIGN_IN_PROVIDERS[id])
    .filter((p): p is SignInProviderConfig | 'guest' => Boolean(p));
  return <SignInPage {...props} providers={providers} />;
}

const signInPage = SignInPageBlueprint.make({
  params: { loader: async () => ConfiguredSignInPage },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
