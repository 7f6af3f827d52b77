/** The fields of a GitHub workflow run (`GET /repos/{owner}/{repo}/actions/runs`) the plugin reads. */
export interface GithubWorkflowRun {
  id: number;
  name?: string | null;
  path?: string;
  run_number: number;
  event: string;
  status: string | null;
  conclusion: string | null;
  head_branch: string | null;
  head_sha: string;
  display_title?: string;
  head_commit?: { message?: string } | null;
  html_url: string;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
}

/** `GET /repos/{owner}/{repo}/actions/runs` answer. */
export interface GithubWorkflowRunList {
  total_count: number;
  workflow_runs: GithubWorkflowRun[];
}

/**
 * The fields of a repository in `GET /orgs/{org}/repos` the loose-stacks
 * view reads (https://docs.github.com/rest/repos/repos#list-organization-repositories:
 * `topics` and `archived` are part of the list answer).
 */
export interface GithubRepository {
  name: string;
  full_name: string;
  html_url: string;
  archived: boolean;
  disabled?: boolean;
  default_branch: string;
  topics?: string[];
  owner: { login: string };
}
