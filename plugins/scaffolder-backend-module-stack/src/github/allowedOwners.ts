import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';

/** Config key of the GitHub organisations (or users) publish may write to. */
export const ALLOWED_OWNERS_KEY = 'idp.github.allowedOwners';

/**
 * The organisations the server publishes to. RepoUrlPicker's `allowedOwners`
 * only shapes the form: a task posted to `/api/scaffolder/v2/tasks` by hand
 * carries any `repoUrl`, so the action checks the owner against config.
 */
export function readAllowedOwners(config: Config): string[] {
  return config.getOptionalStringArray(ALLOWED_OWNERS_KEY) ?? [];
}

/** Refuses an owner that is not listed; nothing listed refuses every owner. */
export function checkAllowedOwner(owner: string, allowed: string[]): void {
  // GitHub logins are case-insensitive.
  if (allowed.some(a => a.toLowerCase() === owner.toLowerCase())) return;
  throw new NotAllowedError(
    allowed.length
      ? `repoUrl: GitHub owner "${owner}" is not one this portal publishes to (${ALLOWED_OWNERS_KEY}: ${allowed.join(
          ', ',
        )}); nothing was changed`
      : `repoUrl: ${ALLOWED_OWNERS_KEY} is not configured, so this portal publishes to no GitHub owner; list the organisations Argo CD watches there`,
  );
}
