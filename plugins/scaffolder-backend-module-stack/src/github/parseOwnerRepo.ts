import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';

/**
 * Host, owner and repository of a RepoUrlPicker value. Both actions name the
 * GitHub org/repo, so an owner is required (parseRepoUrl leaves it optional
 * for hosts such as GitLab that accept a project instead).
 */
export function parseOwnerRepo(
  repoUrl: string,
  integrations: ScmIntegrationRegistry,
): { host: string; owner: string; repo: string } {
  const { host, owner, repo } = parseRepoUrl(repoUrl, integrations);
  if (!owner) throw new InputError(`repoUrl: "${repoUrl}" names no owner`);
  return { host, owner, repo };
}
