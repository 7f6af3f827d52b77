import { parse } from 'yaml';
import { generateParams, GeneratorSources } from './generators';
import { GoJob, runGoJobs } from './goTemplateEngine';
import { strategicMerge } from './mergePatch';

export interface RenderedApplication {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    finalizers?: string[];
  };
  spec: {
    project: string;
    destination: { server?: string; namespace?: string };
    [field: string]: any;
  };
}

interface ApplicationSetLike {
  metadata: { name: string; namespace?: string };
  spec: Record<string, any>;
}

const SUPPORTED_SPEC = new Set([
  'goTemplate',
  'goTemplateOptions',
  'generators',
  'template',
  'templatePatch',
  'syncPolicy',
]);

/**
 * The Applications an ApplicationSet produces, as the ApplicationSet
 * controller renders them: parameters from the generators, every template
 * string and map key rendered by Argo CD's own engine (goTemplateEngine.ts:
 * Go text/template + Sprig, `missingkey=error`), the templatePatch
 * rendered and strategically merged, the resources finalizer added unless
 * `preserveResourcesOnDeletion`, and duplicate names refused.
 */
export function renderApplicationSet(
  appset: ApplicationSetLike,
  sources: GeneratorSources,
): RenderedApplication[] {
  const { spec } = appset;
  for (const key of Object.keys(spec)) {
    if (!SUPPORTED_SPEC.has(key))
      throw new Error(`spec.${key} is not supported by this evaluator`);
  }
  if (spec.goTemplate !== true)
    throw new Error(
      'spec.goTemplate must be true: only Go templates are evaluated',
    );
  const options: string[] = spec.goTemplateOptions ?? [];
  if (options.length !== 1 || options[0] !== 'missingkey=error') {
    throw new Error('spec.goTemplateOptions must be ["missingkey=error"]');
  }
  const generators: Record<string, unknown>[] = spec.generators ?? [];
  const params = generators.flatMap((g, i) =>
    generateParams(g, sources, `generators[${i}]`),
  );

  // One engine run for the whole ApplicationSet: per parameter set the
  // template's metadata and spec (every string value and key, as Argo CD's
  // deeplyReplace does) and the templatePatch text.
  const jobs: GoJob[] = params.flatMap(p => [
    { tree: spec.template.metadata ?? {}, params: p, options },
    { tree: spec.template.spec, params: p, options },
    ...(spec.templatePatch === undefined
      ? []
      : [{ text: spec.templatePatch as string, params: p, options }]),
  ]);
  const rendered = runGoJobs(jobs);
  const perParam = spec.templatePatch === undefined ? 2 : 3;

  const apps = params.map((_, i) => {
    const [meta, appSpec, patch] = rendered.slice(
      i * perParam,
      (i + 1) * perParam,
    ) as [
      RenderedApplication['metadata'],
      RenderedApplication['spec'],
      string?,
    ];
    let app: RenderedApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        ...meta,
        namespace: meta.namespace || appset.metadata.namespace || 'argocd',
      },
      spec: appSpec,
    };
    if (patch !== undefined) {
      // Argo CD converts the patch with sigs.k8s.io/yaml, i.e. YAML 1.1 (`yes`, `on` are booleans).
      app = strategicMerge(
        app,
        parse(patch, { version: '1.1' }),
      ) as RenderedApplication;
    }
    if (
      !spec.syncPolicy?.preserveResourcesOnDeletion &&
      !app.metadata.finalizers?.length
    ) {
      app.metadata.finalizers = ['resources-finalizer.argocd.argoproj.io'];
    }
    return app;
  });

  const seen = new Set<string>();
  for (const app of apps) {
    if (seen.has(app.metadata.name)) {
      throw new Error(
        `ApplicationSet ${appset.metadata.name} generates the Application name ${app.metadata.name} twice`,
      );
    }
    seen.add(app.metadata.name);
  }
  return apps;
}
