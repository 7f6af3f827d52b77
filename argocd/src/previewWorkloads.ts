import { join } from 'path';
import { InMemoryRepo, inMemoryGithubOrg } from './inMemoryGithubOrg';
import { GITOPS_ROOT, readYamlDocuments } from './manifestFiles';
import { applicationViolations, AppProjectLike } from './projectPolicy';
import {
  renderApplicationSet,
  RenderedApplication,
} from './renderApplicationSet';

export interface WorkloadsPreview {
  /** The Applications the `workloads` ApplicationSet would create. */
  applications: RenderedApplication[];
  /** Those the `workloads` AppProject would refuse, with the reasons. */
  refused: { application: string; reasons: string[] }[];
  /** GitHub API calls the SCM generator would make. */
  apiCalls: { listRepos: number; getBranch: number; getContents: number };
}

/**
 * What Argo CD would make of a set of repositories in the organisation: the
 * real `workloads` ApplicationSet and AppProject from argocd/, evaluated
 * against the repositories' topics and file trees. Meant for tests of the
 * parts that publish repositories (e.g. the scaffolder's end-to-end test).
 */
export function previewWorkloads(repos: InMemoryRepo[]): WorkloadsPreview {
  const [appset] = readYamlDocuments(
    join(GITOPS_ROOT, 'applicationsets', 'workloads.yaml'),
  );
  const [project] = readYamlDocuments(
    join(GITOPS_ROOT, 'projects', 'workloads.yaml'),
  ) as AppProjectLike[];
  let org: ReturnType<typeof inMemoryGithubOrg> | undefined;
  const applications = renderApplicationSet(appset, {
    github: (organization, options) => {
      org = inMemoryGithubOrg(organization, repos, options);
      return org;
    },
  });
  const refused = applications
    .map(app => ({
      application: app.metadata.name,
      reasons: applicationViolations(project, app),
    }))
    .filter(r => r.reasons.length > 0);
  return {
    applications,
    refused,
    apiCalls: {
      listRepos: org?.calls.listRepos ?? 0,
      getBranch: org?.calls.getBranch ?? 0,
      getContents: org?.calls.getContents.length ?? 0,
    },
  };
}
