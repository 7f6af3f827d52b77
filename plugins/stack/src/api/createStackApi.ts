import { StackHealthClient } from '@idp-stack/plugin-stack-common';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type { StackApi } from './stackApiRef';

/** The shared isomorphic client, with the user's credentials via fetchApi. */
export function createStackApi(deps: {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}): StackApi {
  return new StackHealthClient(deps);
}
