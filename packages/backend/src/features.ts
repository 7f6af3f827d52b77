/**
 * The plugins and modules this portal runs. Kept apart from index.ts so the
 * integration tests boot exactly the same feature set on SQLite and PostgreSQL
 * (static imports: Jest cannot follow `backend.add(import(...))`).
 */
import appBackend from '@backstage/plugin-app-backend';
import authBackend from '@backstage/plugin-auth-backend';
import githubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import oidcProvider from '@backstage/plugin-auth-backend-module-oidc-provider';
import kubernetesBackend from '@backstage/plugin-kubernetes-backend';
import catalogBackend from '@backstage/plugin-catalog-backend';
import eventsBackend from '@backstage/plugin-events-backend';
import catalogLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogTemplates from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionBackend from '@backstage/plugin-permission-backend';
import proxyBackend from '@backstage/plugin-proxy-backend';
import scaffolderBackend from '@backstage/plugin-scaffolder-backend';
import scaffolderGithub from '@backstage/plugin-scaffolder-backend-module-github';
import searchBackend from '@backstage/plugin-search-backend';
import searchCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchPg from '@backstage/plugin-search-backend-module-pg';
import stackBackend from '@idp-stack/plugin-stack-backend';
import scaffolderStack from '@idp-stack/plugin-scaffolder-backend-module-stack';
import stackPolicy from '@idp-stack/plugin-permission-backend-module-stack-policy';

export const backendFeatures = [
  appBackend,
  proxyBackend,
  // Scaffolder with the built-in GitHub actions.
  scaffolderBackend,
  scaffolderGithub,
  // Golden-path actions: stack:generate, stack:catalog-info, idp:github:publish, idp:catalog:register, idp:argocd:refresh.
  scaffolderStack,
  // Sign-in: OIDC (Keycloak, Dex, Okta, Entra) and GitHub, each resolving to
  // a catalog User (auth.providers.*.signIn.resolvers in app-config). Guest
  // works only under NODE_ENV=development (the local start command).
  authBackend,
  oidcProvider,
  githubProvider,
  guestProvider,
  // Catalog, with Template entities and error logging.
  catalogBackend,
  catalogTemplates,
  catalogLogs,
  // Our policy (plugins/permission-backend-module-stack-policy), not allow-all.
  permissionBackend,
  stackPolicy,
  // Search: the Postgres engine when the database is Postgres, Lunr otherwise.
  searchBackend,
  searchPg,
  searchCatalog,
  // Deployment health (Argo CD) and builds (GitHub Actions) per environment.
  stackBackend,
  // Events: POST /api/events/http/<topic>; the GitHub module (signature
  // check, github.<event> topics) is added in index.ts, because its default
  // export loads its modules with import(), which Jest cannot run.
  eventsBackend,
  // Runtime views (pods, restarts, events, logs) of the workloads cluster.
  kubernetesBackend,
];
