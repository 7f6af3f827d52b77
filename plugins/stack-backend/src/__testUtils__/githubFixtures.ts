/**
 * GitHub REST payloads shaped like `GET /repos/{owner}/{repo}/actions/runs`
 * (`total_count`, `workflow_runs`), with `Link` paging and ETags.
 */

import { sha } from './argoFixtures';

export interface RunSpec {
  id: number;
  owner: string;
  repo: string;
  workflow: string;
  headSha: string;
  status?: 'completed' | 'in_progress' | 'queued';
  conclusion?: 'success' | 'failure' | null;
  branch?: string;
}

export function workflowRun(spec: RunSpec) {
  const full = `${spec.owner}/${spec.repo}`;
  const status = spec.status ?? 'completed';
  return {
    id: spec.id,
    name: spec.workflow,
    node_id: `WFR_kwLOA${spec.id}`,
    head_branch: spec.branch ?? 'main',
    head_sha: spec.headSha,
    path: `.github/workflows/${spec.workflow}.yaml`,
    display_title: `Release ${spec.id}`,
    run_number: spec.id % 1000,
    event: 'push',
    status,
    conclusion: status === 'completed' ? spec.conclusion ?? 'success' : null,
    workflow_id: 159038,
    check_suite_id: 414944374,
    url: `https://api.github.com/repos/${full}/actions/runs/${spec.id}`,
    html_url: `https://github.com/${full}/actions/runs/${spec.id}`,
    pull_requests: [],
    created_at: '2026-11-23T10:00:00Z',
    updated_at: '2026-11-23T10:04:05Z',
    run_attempt: 1,
    run_started_at: '2026-11-23T10:00:05Z',
    jobs_url: `https://api.github.com/repos/${full}/actions/runs/${spec.id}/jobs`,
    head_commit: {
      id: spec.headSha,
      tree_id: 'd23f6eedb1e1b9610bbc754ddb5197bfe7271223',
      message: `Release ${spec.id}`,
      timestamp: '2026-11-23T09:59:00Z',
      author: { name: 'Octo Cat', email: 'octocat@github.com' },
      committer: { name: 'GitHub', email: 'noreply@github.com' },
    },
    repository: { id: 1296269, name: spec.repo, full_name: full },
  };
}

/**
 * One page of runs: body, `Link` header with `rel="next"`/`rel="last"` and a
 * strong ETag of the page content.
 */
export function runsPage(
  baseUrl: string,
  runs: ReturnType<typeof workflowRun>[],
  perPage: number,
  page: number,
) {
  const pages = Math.max(1, Math.ceil(runs.length / perPage));
  const items = runs.slice((page - 1) * perPage, page * perPage);
  const link = (p: number) => `${baseUrl}?per_page=${perPage}&page=${p}`;
  const links: string[] = [];
  if (page < pages) {
    links.push(
      `<${link(page + 1)}>; rel="next"`,
      `<${link(pages)}>; rel="last"`,
    );
  }
  if (page > 1) {
    links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
  }
  const body = { total_count: runs.length, workflow_runs: items };
  const etag = `"${sha(
    JSON.stringify(items.map(r => [r.id, r.status, r.conclusion])),
  )}"`;
  return { body, etag, link: links.join(', ') };
}

/**
 * One entry of `GET /orgs/{org}/repos`, shaped like GitHub's documented
 * answer (https://docs.github.com/rest/repos/repos#list-organization-repositories),
 * trimmed of the many `*_url` templates the plugin never reads.
 */
export function orgRepository(spec: {
  owner?: string;
  name: string;
  topics?: string[];
  archived?: boolean;
  defaultBranch?: string;
}) {
  const owner = spec.owner ?? 'acme';
  const full = `${owner}/${spec.name}`;
  return {
    id: 1296269 + spec.name.length,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: spec.name,
    full_name: full,
    owner: {
      login: owner,
      id: 1,
      node_id: 'MDQ6VXNlcjE=',
      type: 'Organization',
      html_url: `https://github.com/${owner}`,
    },
    private: true,
    html_url: `https://github.com/${full}`,
    description: null,
    fork: false,
    url: `https://api.github.com/repos/${full}`,
    clone_url: `https://github.com/${full}.git`,
    default_branch: spec.defaultBranch ?? 'main',
    topics: spec.topics ?? [],
    archived: spec.archived ?? false,
    disabled: false,
    visibility: 'private',
    pushed_at: '2026-11-20T10:00:00Z',
    created_at: '2026-01-05T09:00:00Z',
    updated_at: '2026-11-20T10:00:00Z',
    permissions: { admin: false, push: false, pull: true },
  };
}
