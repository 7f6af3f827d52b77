import type { Environment } from '../schema/names';
import type { Stack } from '../schema/stackSchema';
import { ImagePin, imagePinsPath, readImagePins } from './imagePins';
import { ManifestPlan, planManifests } from './manifestPlan';
import { compareStrings, toYaml } from './serialize';
import type { K8sObject } from './types';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Lists a strategic merge patch merges element by element, by `name`
 * (`patchMergeKey: name` in the Kubernetes API: PodSpec.containers and
 * initContainers, Container.env). Any other list in a patch is refused rather
 * than guessed: the generator's patches hold only these.
 */
const MERGE_BY_NAME = new Set(['containers', 'initContainers', 'env']);

/**
 * `base` with `patch` applied as kustomize applies the overlay's patches:
 * maps merge key by key, the lists above merge by name, scalars are
 * replaced. Merged lists come out as kustomize 5.5 orders them (checked
 * against kubectl kustomize by renderEnvironment.test.ts): the patch's
 * elements in the patch's order, each merged with its namesake, then the
 * base's other elements in their order.
 */
function strategicMerge(base: unknown, patch: unknown, key = ''): unknown {
  if (isObj(base) && isObj(patch)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(patch))
      out[k] = k in base ? strategicMerge(base[k], v, k) : structuredClone(v);
    return out;
  }
  if (Array.isArray(patch)) {
    if (!MERGE_BY_NAME.has(key))
      throw new Error(`patch list ${key} has no known merge key`);
    const rest = Array.isArray(base) ? [...base] : [];
    const merged = (patch as Obj[]).map(item => {
      const i = rest.findIndex(b => isObj(b) && b.name === item.name);
      if (i < 0) return structuredClone(item);
      return strategicMerge(rest.splice(i, 1)[0], item, '');
    });
    return [...merged, ...rest];
  }
  return structuredClone(patch);
}

/** `repo/name:tag` or `repo/name@sha256:…` → `repo/name` (a registry port is not a tag). */
function imageName(image: string): string {
  const noDigest = image.split('@')[0];
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/')
    ? noDigest.slice(0, colon)
    : noDigest;
}

/**
 * The `images:` transformer: every `image` of an element of a `containers`
 * or `initContainers` list, at any depth, whose name a pin names gets the
 * pin's tag or digest (kustomize's image tag filter, which without
 * fieldSpecs walks all such lists).
 */
function applyPins(node: unknown, pins: Map<string, ImagePin>, key = '') {
  if (Array.isArray(node)) {
    for (const item of node) {
      if (
        (key === 'containers' || key === 'initContainers') &&
        isObj(item) &&
        typeof item.image === 'string'
      ) {
        const name = imageName(item.image);
        const pin = pins.get(name);
        if (pin)
          item.image = pin.digest
            ? `${name}${pin.newTag ? `:${pin.newTag}` : ''}@${pin.digest}`
            : `${name}:${pin.newTag}`;
      }
      applyPins(item, pins);
    }
  } else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) applyPins(v, pins, k);
  }
}

/**
 * The objects `kubectl kustomize deploy/overlays/<env>` renders, computed
 * from the plan without kustomize: base and environment objects, the
 * environment's patches, its namespace and labels (metadata only, as
 * `includeSelectors: false` writes them), then the pins of `pinsText` (the
 * content of `deploy/overlays/<env>/images/kustomization.yaml`). Sorted by
 * kind and name. Throws when the pin file is not a pin file.
 */
export function renderEnvironment(
  plan: ManifestPlan,
  env: Environment,
  pinsText: string,
): K8sObject[] {
  const e = plan.environments.find(x => x.env.name === env);
  if (!e) throw new Error(`the stack has no environment ${env}`);
  const read = readImagePins(plan.stack, env, pinsText);
  const broken = read.issues.filter(i => i.rule === 'pin-format');
  if (broken.length > 0) throw new Error(broken.map(i => i.message).join('; '));
  const pins = new Map(read.pins.map(p => [p.name, p]));
  const patches = new Map(
    e.patches.map(p => [`${p.patch.kind}/${p.patch.metadata.name}`, p.patch]),
  );
  const objects = [...[...plan.base.values()].flat(), ...e.objects].map(o => {
    const patch = patches.get(`${o.kind}/${o.metadata.name}`);
    const out = (
      patch ? strategicMerge(o, patch) : structuredClone(o)
    ) as K8sObject;
    out.metadata = {
      ...out.metadata,
      namespace: e.namespace,
      labels: { ...out.metadata.labels, ...e.labels },
    };
    applyPins(out, pins);
    return out;
  });
  return objects.sort(
    (a, b) =>
      compareStrings(a.kind, b.kind) ||
      compareStrings(a.metadata.name, b.metadata.name),
  );
}

/** Where an opted-in stack's rendered manifests of `env` live: a directory Argo CD reads as plain YAML. */
export const renderedManifestsPath = (env: string) =>
  `deploy/rendered/${env}/manifests.yaml`;

/** Whether the stack asks for rendered manifests (`spec.deploy.render: manifests`). */
export const rendersManifests = (stack: Stack) =>
  stack.spec.deploy?.render === 'manifests';

/**
 * The content of `deploy/rendered/<env>/manifests.yaml`: the rendered
 * objects of `env` as one multi-document YAML file, with a header saying
 * where it comes from.
 */
export function renderedManifests(
  planOrStack: ManifestPlan | Stack,
  env: Environment,
  pinsText: string,
): string {
  const plan = 'base' in planOrStack ? planOrStack : planManifests(planOrStack);
  const header = [
    `# Rendered by \`stack generate\` from stack.yaml and ${imagePinsPath(
      env,
    )}:`,
    '# do not edit (`stack check` reports drift; `stack pin` re-renders it). Argo CD reads this directory as plain manifests.',
  ].join('\n');
  return `${header}\n${toYaml(renderEnvironment(plan, env, pinsText))}`;
}
