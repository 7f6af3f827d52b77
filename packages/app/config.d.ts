export interface Config {
  app?: {
    /**
     * Sign-in buttons, in order: `guest` (local development only), `oidc`,
     * `github`. Each needs its provider under `auth.providers`. Default `[guest]`.
     * @visibility frontend
     */
    signInProviders?: string[];
  };
}
