import type { z as zod } from 'zod/v3';

/** Longest repository URL an action accepts; RepoUrlPicker values are far shorter. */
export const MAX_REPO_URL = 2048;

/**
 * The `repoUrl` input every action of this module takes, in the form
 * RepoUrlPicker gives it; `parseOwnerRepo` checks its parts.
 */
export function repoUrlInput(z: typeof zod, use: string) {
  return z
    .string()
    .max(MAX_REPO_URL)
    .describe(
      `Repository as RepoUrlPicker gives it (github.com?owner=<org>&repo=<name>); ${use}`,
    );
}
