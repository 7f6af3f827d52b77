import { readdirSync } from 'fs';
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
  /** Those their system's AppProject would refuse (or that name no project), with the reasons. */
  refused: { application: string; reasons: string[] }[];
  /** GitHub API calls the SCM generator would make. */
  apiCalls: { listRepos: number; getBranch: number; getContents: number };
}

/** Every AppProject under argocd/: the hand-written ones and one per registered system. */
export function gitopsProjects(): Map<string, AppProjectLike> {
  const out = new Map<string, AppProjectLike>();
  for (const dir of ['projects', join('tenancy', 'argocd')]) {
    for (const f of readdirSync(join(GITOPS_ROOT, dir)).filter(n =>
      n.endsWith('.yaml'),
    )) {
      for (const doc of readYamlDocuments(join(GITOPS_ROOT, dir, f))) {
        if (doc?.kind === 'AppProject') out.set(doc.metadata.name, doc);
      }
    }
  }
  return out;
}

/**
 * Why Argo CD refuses an Application: its project (`default` when empty, as
 * ApplicationSpec.GetProject says) must exist and allow its source and
 * destination.
 */
export function refusalsOf(
  app: RenderedApplication,
  projects: Map<string, AppProjectLike>,
): string[] {
  const name = app.spec.project || 'default';
  const project = projects.get(name);
  if (!project)
    return [
      `Application ${app.metadata.name}: project ${name} does not exist (the system is not registered in argocd/systems)`,
    ];
  return applicationViolations(project, {
    ...app,
    spec: { ...app.spec, project: name },
  });
}

/**
 * What Argo CD would make of a set of repositories in the organisation: the
 * real `workloads` ApplicationSet and the AppProjects from argocd/ (one per
 * registered system), evaluated against the repositories' topics and file
 * trees. Meant for tests of the parts that publish repositories (e.g. the
 * scaffolder's end-to-end test).
 */
export function previewWorkloads(repos: InMemoryRepo[]): WorkloadsPreview {
  const [appset] = readYamlDocuments(
    join(GITOPS_ROOT, 'applicationsets', 'workloads.yaml'),
  );
  const projects = gitopsProjects();
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
      reasons: refusalsOf(app, projects),
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
