import { parse } from 'yaml';
import { generateParams, GeneratorSources, Params } from './generators';
import { renderGoTemplate } from './goTemplate';
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

// Argo CD templates every string value, never map keys (applicationset/utils deeplyReplace).
function renderStrings(value: unknown, params: Params): unknown {
  if (typeof value === 'string') return renderGoTemplate(value, params);
  if (Array.isArray(value)) return value.map(v => renderStrings(v, params));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, renderStrings(v, params)]),
    );
  }
  return value;
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
 * string rendered with Go templates (`missingkey=error`), the templatePatch
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

  const apps = params.map(p => {
    const meta = renderStrings(
      spec.template.metadata ?? {},
      p,
    ) as RenderedApplication['metadata'];
    let app: RenderedApplication = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        ...meta,
        namespace: meta.namespace || appset.metadata.namespace || 'argocd',
      },
      spec: renderStrings(spec.template.spec, p) as RenderedApplication['spec'],
    };
    if (spec.templatePatch !== undefined) {
      // Argo CD converts the patch with sigs.k8s.io/yaml, i.e. YAML 1.1 (`yes`, `on` are booleans).
      const patch = parse(renderGoTemplate(spec.templatePatch, p), {
        version: '1.1',
      });
      app = strategicMerge(app, patch) as RenderedApplication;
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
