/**
 * Node library of the stack plugins: the one GitHub client and the one
 * mapping of upstream (GitHub, Argo CD) failures to Backstage errors, shared
 * by `@idp-stack/plugin-stack-backend` and
 * `@idp-stack/plugin-scaffolder-backend-module-stack`.
 *
 * @packageDocumentation
 */
export * from './github/createGithubClient';
export * from './github/githubAuth';
export * from './upstream/UpstreamFailure';
