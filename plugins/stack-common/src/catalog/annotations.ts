/** Catalog annotations the IDP writes and the health plugins read (docs/conventions.md). */
export const ANNOTATIONS = {
  projectSlug: 'github.com/project-slug',
  argocdAppSelector: 'argocd/app-selector',
  kubernetesId: 'backstage.io/kubernetes-id',
  sourceLocation: 'backstage.io/source-location',
  stackFile: 'idp.platform/stack-file',
  component: 'idp.platform/component',
} as const;

/** Label every Argo CD Application of a repository carries. */
export const REPO_LABEL = 'idp.platform/repo';
/** The GitHub topic that makes Argo CD deploy a repository. */
export const IDP_TOPIC = 'idp-managed';
/** Where a repository keeps its stack description. */
export const STACK_FILE = 'stack.yaml';
