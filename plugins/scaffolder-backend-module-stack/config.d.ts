export interface Config {
  /** Settings of the IDP scaffolder actions (`@idp-stack/plugin-scaffolder-backend-module-stack`). */
  idp?: {
    github?: {
      /**
       * GitHub organisations (or user accounts) idp:github:publish may create
       * or adopt repositories in; checked on the server, whatever the form
       * allowed. Unset: publish refuses every owner. List the organisations
       * Argo CD's SCM Provider generator watches (argocd/applicationsets).
       */
      allowedOwners?: string[];
      /**
       * Minimum milliseconds between two write requests to GitHub (GitHub asks
       * for about one second to avoid secondary rate limits). Default 1000.
       */
      writeIntervalMs?: number;
      /** Base delay in ms of the bounded retries (5xx, rate limits, eventual consistency). Default 1000. */
      retryBaseDelayMs?: number;
      /** How many times a failed GitHub request is retried. Default 3. */
      retries?: number;
      /**
       * The GitHub App the golden-path CI pushes its dev image pins as
       * (`actions/create-github-app-token` with the organisation variable
       * IDP_BOT_APP_ID and secret IDP_BOT_PRIVATE_KEY). When set,
       * idp:github:publish checks the App is installed on all repositories of
       * the organisation and both exist, adds the repository to the secret and
       * variable when their visibility is "selected", and lets the App bypass
       * pull requests on main. Unset: none of this (logged).
       */
      ciBot?: {
        /** The App's slug, as in https://github.com/apps/<slug>. */
        appSlug: string;
        /** The App's id: the installation must be this App and IDP_BOT_APP_ID must hold it. */
        appId?: number;
      };
    };
    argocd?: {
      /**
       * The Kubernetes cluster that runs Argo CD. Without it `idp:argocd:refresh`
       * is a no-op that logs a line.
       */
      cluster?: {
        /** Kubernetes API server URL, e.g. https://kubernetes.default.svc. */
        url?: string;
        /** Use the pod's service account instead of url/token. */
        inCluster?: boolean;
        /**
         * Bearer token of a service account allowed to patch applicationsets.
         * @visibility secret
         */
        token?: string;
        /** Base64 PEM of the API server's CA. */
        caData?: string;
        /** Skip TLS verification (development clusters only). */
        skipTLSVerify?: boolean;
      };
      /** Namespace of Argo CD. Default `argocd`. */
      namespace?: string;
      /** Name of the ApplicationSet to refresh. Default `workloads`. */
      applicationSet?: string;
    };
  };
}
