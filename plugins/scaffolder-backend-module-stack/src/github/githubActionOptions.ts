import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GithubPacing } from './pacing';

/** What every action that writes to GitHub is built with (module.ts). */
export interface GithubActionOptions {
  integrations: ScmIntegrationRegistry;
  pacing: GithubPacing;
  catalog: CatalogService;
  /** `idp.github.allowedOwners`: the only GitHub owners these actions write to. */
  allowedOwners: string[];
}
