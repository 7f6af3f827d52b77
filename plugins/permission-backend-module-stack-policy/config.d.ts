export interface Config {
  permission?: {
    /** The IDP's permission policy (@idp-stack/plugin-permission-backend-module-stack-policy). */
    stackPolicy?: {
      /**
       * Group whose members (directly or through the sign-in resolver's
       * ownership claims) may create, refresh and delete catalog locations,
       * e.g. `group:default/platform-team`. Required.
       */
      platformGroup: string;
      /**
       * Group whose members may sync environments that need manual approval
       * (`stack.application.sync.approved`, prod by default), in addition to
       * owning the entity, e.g. `group:default/release-approvers`. Required.
       */
      approversGroup: string;
      /**
       * Allows everything for every caller. Honoured only when NODE_ENV is
       * not `production`: a local-development opt-in, never a deployment
       * setting. Default false.
       */
      allowAllForLocalDevelopment?: boolean;
    };
  };
}
