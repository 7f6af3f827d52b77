import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Stack backend plugin: deployment health, sync and build status. */
  stack?: {
    argocd?: {
      /** Argo CD instances; every one is asked for every entity. */
      instances: Array<{
        /** Short name shown in the UI and used in errors, e.g. `main`. */
        name: string;
        /** Base URL of the Argo CD API server, e.g. `https://argocd.example.com`. */
        url: string;
        /** Link target for the UI when it differs from `url`. */
        uiUrl?: string;
        /**
         * Argo CD API token (an account token). Use `${ARGOCD_TOKEN}`.
         * @visibility secret
         */
        token?: string;
        /** Username for `POST /api/v1/session`, used when no token is set. */
        username?: string;
        /**
         * Password for `POST /api/v1/session`. Use `${ARGOCD_PASSWORD}`.
         * @visibility secret
         */
        password?: string;
      }>;
      /** Label selector of the one list call per instance. Default `idp.platform/repo`. */
      selector?: string;
      /** How long one list result is served before the next list call. Default 30 seconds. */
      refreshInterval?: HumanDuration | string;
      /** Upper bound of one Argo CD request. Default 10 seconds. */
      timeout?: HumanDuration | string;
      /** History entries returned per Application. Default 5. */
      historyLimit?: number;
    };
    github?: {
      /** How long a repository's runs are served before GitHub is asked again (with ETag). Default 60 seconds. */
      refreshInterval?: HumanDuration | string;
      /** Upper bound of one GitHub request. Default 10 seconds. */
      timeout?: HumanDuration | string;
      /** Runs returned per entity. Default 20. */
      maxRuns?: number;
      /** Pages of runs read at most per refresh (monorepo filtering may need more than one). Default 3. */
      maxPages?: number;
      /**
       * GitHub owners (organisations) whose repositories the plugin reads
       * (stack.yaml, workflow runs) and maps to Argo CD Applications. An
       * entity ingested from any other repository shows no data. Default: none.
       */
      organizations?: string[];
      /** Largest stack.yaml read, in bytes. Default 262144 (256 KiB). */
      maxFileBytes?: number;
      /** Retries of a failed GitHub read (5xx, 429, a short rate-limit wait). Default 2. */
      retries?: number;
      /** Base delay of those retries: attempt n waits n² × this. Default 1 second. */
      retryBaseDelay?: HumanDuration | string;
      /**
       * Least time between two GitHub writes of a promotion (branch, commit,
       * pull request, reviewers): GitHub asks for at least a second between
       * content-creating requests (REST API best practices). Default 1 second.
       */
      writeInterval?: HumanDuration | string;
      /**
       * Build state from GitHub `workflow_run` webhooks through Backstage's
       * events backend (`@backstage/plugin-events-backend` with
       * `@backstage/plugin-events-backend-module-github`, topic
       * `github.workflow_run`). With it on, runs are polled only every
       * `fallbackPollInterval` (ETag, a missed delivery is recovered then).
       */
      webhooks?: {
        /** Default false: runs are polled every `refreshInterval`. */
        enabled?: boolean;
        /** Default 60 minutes. */
        fallbackPollInterval?: HumanDuration | string;
      };
      /**
       * A read-only GitHub credential of the plugin's own, same shape as
       * `integrations.github` (token, or `apps` with a GitHub App installation
       * restricted by `allowedInstallationOwners`). Default: `integrations.github`.
       * @deepVisibility secret
       */
      integrations?: Array<{
        host: string;
        apiBaseUrl?: string;
        rawBaseUrl?: string;
        token?: string;
        apps?: Array<{
          appId: string | number;
          privateKey: string;
          clientId: string;
          clientSecret: string;
          webhookSecret?: string;
          allowedInstallationOwners?: string[];
        }>;
      }>;
    };
    /**
     * The system registry (`argocd/systems/*.yaml` of the platform
     * repository), read with the `stack.github` credentials through GitHub's
     * contents API and refreshed like stack files (`stack.github.refreshInterval`).
     * Needed for registry policies (prod approvers, deployment windows).
     */
    systemRegistry?: {
      /** `owner/repo` of the platform repository, e.g. `acme/idp-platform`. */
      repository: string;
      /** Folder of the entries. Default `argocd/systems`. */
      path?: string;
      /** Branch, tag or commit read. Default `main`. */
      ref?: string;
      /** GitHub host (an `integrations.github` entry). Default `github.com`. */
      host?: string;
    };
    actions?: {
      /** Allows `POST /actions/sync` and `/actions/refresh` (still behind the stack.application.* permissions). Default false. */
      enabled?: boolean;
      /**
       * Environments whose sync needs `stack.application.sync.approved`
       * instead of `stack.application.sync` (the stack's manualApproval
       * policy, prod by default). Default `[prod]`.
       */
      approvalEnvironments?: string[];
    };
  };
}
