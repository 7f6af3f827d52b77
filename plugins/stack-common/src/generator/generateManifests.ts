import type { Environment } from '../schema/names';
import { Stack } from '../schema/stackSchema';
import { IMAGE_PINS_DIR, initialImagePins } from './imagePins';
import { planManifests } from './manifestPlan';
import {
  renderedManifests,
  renderedManifestsPath,
  rendersManifests,
} from './renderEnvironment';
import { compareStrings, kindFileName, toYaml } from './serialize';
import { GeneratedFile, K8sObject } from './types';

/** Groups objects into `<dir>/<kind>.yaml` files, objects sorted by name inside. */
function filesFor(dir: string, objects: K8sObject[]): Map<string, K8sObject[]> {
  const byFile = new Map<string, K8sObject[]>();
  for (const o of objects) {
    const file = `${dir}${kindFileName(o.kind)}`;
    const list = byFile.get(file);
    if (list) list.push(o);
    else byFile.set(file, [o]);
  }
  for (const list of byFile.values())
    list.sort((a, b) => compareStrings(a.metadata.name, b.metadata.name));
  return byFile;
}

function kustomization(extra: Record<string, unknown>): string {
  return toYaml([
    {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      ...extra,
    },
  ]);
}

/** The committed content of each environment's pin file, where one exists. */
export type CommittedPins = Partial<Record<Environment, string>>;

/**
 * Turns a valid stack into the deploy/ tree: `deploy/base/<component>/…`
 * plus one overlay per environment, and for a stack with
 * `spec.deploy.render: manifests` each environment's rendered
 * `deploy/rendered/<env>/manifests.yaml`, whose images come from `pins` (the
 * repository's committed pin files; a writer into an existing repository
 * must pass them, or the render carries the initial, unpromoted pins). Pure
 * and deterministic: same input, same bytes, files sorted by path. Throws
 * only on a stack validateStack rejects.
 */
export function generateManifests(
  stack: Stack,
  pins: CommittedPins = {},
): GeneratedFile[] {
  const plan = planManifests(stack);
  const files: GeneratedFile[] = [];
  const emit = (byFile: Map<string, K8sObject[]>) => {
    for (const [path, objects] of byFile)
      files.push({ path, content: toYaml(objects) });
  };

  // Base: namespace-wide objects at the top, one folder per component, all
  // listed by the one base kustomization. Kustomize re-adds every resource of
  // a nested kustomization to its parent, checking each against all the
  // parent holds (quadratic), so a kustomization per component cost a layer.
  const namespaceWide = filesFor('deploy/base/', plan.base.get('') ?? []);
  emit(namespaceWide);
  const componentFiles: string[] = [];
  for (const c of stack.spec.components) {
    const own = filesFor(`deploy/base/${c.name}/`, plan.base.get(c.name) ?? []);
    emit(own);
    componentFiles.push(...own.keys());
  }
  files.push({
    path: 'deploy/base/kustomization.yaml',
    content: kustomization({
      resources: [
        ...[...namespaceWide.keys()].sort(compareStrings),
        ...componentFiles.sort(compareStrings),
      ].map(p => p.slice('deploy/base/'.length)),
    }),
  });

  // Overlays: env-only objects and one patch per workload or scaled data component.
  for (const e of plan.environments) {
    const dir = `deploy/overlays/${e.env.name}/`;
    const own = filesFor(dir, e.objects);
    emit(own);
    for (const p of e.patches)
      files.push({ path: `${dir}${p.path}`, content: toYaml([p.patch]) });
    const patches = e.patches.map(p => p.path).sort();
    files.push({
      path: `${dir}kustomization.yaml`,
      content: kustomization({
        namespace: e.namespace,
        labels: [{ pairs: e.labels, includeSelectors: false }],
        resources: [
          '../../base',
          ...[...own.keys()].map(p => p.split('/').pop()!).sort(),
        ],
        ...(patches.length > 0
          ? { patches: patches.map(path => ({ path })) }
          : {}),
        components: [IMAGE_PINS_DIR],
      }),
    });
    const initial = initialImagePins(stack, e.env.name);
    files.push(initial);
    if (rendersManifests(stack))
      files.push({
        path: renderedManifestsPath(e.env.name),
        content: renderedManifests(
          plan,
          e.env.name,
          pins[e.env.name] ?? initial.content,
        ),
      });
  }

  return files.sort((a, b) => compareStrings(a.path, b.path));
}
