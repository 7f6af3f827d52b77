import {
  ApiRef,
  BackstageIdentityApi,
  createApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/core-plugin-api';

/**
 * The generic OIDC provider (`auth.providers.oidc`,
 * @backstage/plugin-auth-backend-module-oidc-provider). Backstage ships no
 * ApiRef for it; its docs create one with OAuth2.create
 * (https://backstage.io/docs/auth/oidc).
 */
export const oidcAuthApiRef: ApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
> = createApiRef({ id: 'internal.auth.oidc' });
