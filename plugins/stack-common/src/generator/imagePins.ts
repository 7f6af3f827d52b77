import { Document, isMap, isSeq, parseDocument, YAMLMap } from 'yaml';
import { kindOfComponent } from '../componentTypes/registry';
import { repositoryImage } from '../componentTypes/workload/image';
import type { Environment } from '../schema/names';
import type { Stack } from '../schema/stackSchema';
import { toYaml } from './serialize';
import type { GeneratedFile } from './types';

/**
 * Image pins: the image each deployable component of a repository runs in one
 * environment, in exactly one file per environment,
 * `deploy/overlays/<env>/images/kustomization.yaml`, a kustomize Component
 * with an `images:` list that the overlay lists under `components:`.
 * Components are applied after the overlay's own resources and transformers
 * (kustomize KEP 1802, "Kustomize Components"), so the pin wins over the
 * base's `:main`. The generator writes the file only when it is absent
 * (`preserve`), CI bumps dev with `stack pin`, promotion pull requests change
 * stage and prod; `stack check` validates it as data, never as drift.
 */
export const IMAGE_PINS_DIR = 'images';

/** Where the image pins of `env` live, relative to the repository root. */
export const imagePinsPath = (env: string) =>
  `deploy/overlays/${env}/${IMAGE_PINS_DIR}/kustomization.yaml`;

/**
 * The tag a new repository's pins start at, in every environment: no build
 * ever produces it, so a stage or prod Deployment waits (ImagePullBackOff)
 * until its first promotion instead of running the mutable `:main`. Dev gets
 * its first real pin from the first CI build on `main`.
 */
export const UNPROMOTED_TAG = '0.0.0-unpromoted';

/** Environments that may only run an immutable image reference. */
export const IMMUTABLE_PIN_ENVIRONMENTS: readonly string[] = ['stage', 'prod'];

/** The image CI builds for a commit: `sha-<full commit SHA>`. */
export const commitTag = (sha: string) => `sha-${sha.toLowerCase()}`;

const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Tags that name one build forever: a commit tag, or a full semantic version. */
const IMMUTABLE_TAG =
  /^(sha-[a-f0-9]{7,40}|v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?)$/;
/** Docker's tag grammar (distribution/reference): at most 128 characters. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const IMAGE_NAME = /^[a-z0-9]+([._/:-][a-z0-9]+)*$/;

/** One entry of `images:`: the image name it rewrites and where it points. */
export interface ImagePin {
  name: string;
  newTag?: string;
  digest?: string;
}

export interface ImagePinIssue {
  path: string;
  rule: 'pin-format' | 'mutable-pin' | 'missing-pin';
  message: string;
}

/** The image name (without tag) each deployable component of the stack runs from the repository. */
export function pinnedImages(
  stack: Stack,
): { component: string; name: string }[] {
  return stack.spec.components
    .filter(c => kindOfComponent(c).role !== 'data' && !c.image)
    .map(c => ({
      component: c.name,
      name: repositoryImage(stack, c).replace(/:[^:/]+$/, ''),
    }));
}

/** The pin file a new repository starts with (written only when absent). */
export function initialImagePins(
  stack: Stack,
  env: Environment,
): GeneratedFile {
  const header =
    `# Image pins of ${env}: data, not generated. \`stack generate\` writes this file only\n` +
    `# when it is absent; CI bumps dev (\`stack pin\`), promotion pull requests change stage/prod.\n`;
  return {
    path: imagePinsPath(env),
    preserve: true,
    content:
      header +
      toYaml([
        {
          apiVersion: 'kustomize.config.k8s.io/v1alpha1',
          kind: 'Component',
          images: pinnedImages(stack).map(i => ({
            name: i.name,
            newTag: UNPROMOTED_TAG,
          })),
        },
      ]),
  };
}

/** Why `ref` may not be pinned in `env`, or undefined. */
export function pinRefIssue(
  env: string,
  ref: { newTag?: string; digest?: string },
): string | undefined {
  if (ref.digest !== undefined) {
    return DIGEST.test(ref.digest)
      ? undefined
      : `digest ${JSON.stringify(ref.digest)} is not sha256:<64 hex digits>`;
  }
  if (ref.newTag === undefined) return 'needs newTag or digest';
  if (!TAG.test(ref.newTag))
    return `tag ${JSON.stringify(ref.newTag)} is not a valid image tag`;
  if (
    IMMUTABLE_PIN_ENVIRONMENTS.includes(env) &&
    !IMMUTABLE_TAG.test(ref.newTag)
  )
    return `tag ${JSON.stringify(
      ref.newTag,
    )} is mutable; ${env} runs only a digest, a commit tag (sha-<hex>) or a full version (1.2.3)`;
  return undefined;
}

/** Parses and checks one environment's pin file against the stack. */
export function readImagePins(
  stack: Stack,
  env: string,
  text: string,
): { pins: ImagePin[]; issues: ImagePinIssue[] } {
  const file = imagePinsPath(env);
  const issues: ImagePinIssue[] = [];
  const add = (rule: ImagePinIssue['rule'], path: string, message: string) =>
    issues.push({ rule, path, message: `${file}: ${path} ${message}` });
  let doc: unknown;
  try {
    const parsed = parseDocument(text);
    if (parsed.errors.length > 0) throw parsed.errors[0];
    doc = parsed.toJS({ maxAliasCount: 0 }); // no alias bombs
  } catch (e) {
    add('pin-format', '(root)', `is not YAML: ${(e as Error).message}`);
    return { pins: [], issues };
  }
  const obj = doc as Record<string, unknown> | null;
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) {
    add('pin-format', '(root)', 'must be a kustomize Component');
    return { pins: [], issues };
  }
  if (obj.apiVersion !== 'kustomize.config.k8s.io/v1alpha1')
    add('pin-format', 'apiVersion', 'must be kustomize.config.k8s.io/v1alpha1');
  if (obj.kind !== 'Component') add('pin-format', 'kind', 'must be Component');
  for (const k of Object.keys(obj))
    if (!['apiVersion', 'kind', 'images'].includes(k))
      add('pin-format', k, 'is not allowed: the pin file holds images only');
  const list = obj.images ?? [];
  if (!Array.isArray(list)) {
    add('pin-format', 'images', 'must be a list');
    return { pins: [], issues };
  }
  const pins: ImagePin[] = [];
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    const e = entry as Record<string, unknown>;
    const at = `images[${i}]`;
    if (
      !e ||
      typeof e !== 'object' ||
      typeof e.name !== 'string' ||
      !IMAGE_NAME.test(e.name)
    ) {
      add('pin-format', `${at}.name`, 'must be an image name');
      return;
    }
    for (const k of Object.keys(e))
      if (!['name', 'newTag', 'digest'].includes(k))
        add(
          'pin-format',
          `${at}.${k}`,
          'is not allowed (name, newTag, digest)',
        );
    if (seen.has(e.name)) add('pin-format', at, `pins ${e.name} twice`);
    seen.add(e.name);
    const pin: ImagePin = {
      name: e.name,
      ...(e.newTag !== undefined ? { newTag: String(e.newTag) } : {}),
      ...(e.digest !== undefined ? { digest: String(e.digest) } : {}),
    };
    const why = pinRefIssue(env, pin);
    if (why)
      add(why.includes('mutable') ? 'mutable-pin' : 'pin-format', at, why);
    pins.push(pin);
  });
  // A component without a pin runs the base's mutable `:main`.
  if (IMMUTABLE_PIN_ENVIRONMENTS.includes(env)) {
    for (const image of pinnedImages(stack))
      if (!seen.has(image.name))
        add(
          'missing-pin',
          'images',
          `has no pin for ${image.name} (component ${image.component}); run \`stack pin . ${env} ${image.component}=${UNPROMOTED_TAG}\``,
        );
  }
  return { pins, issues };
}

/**
 * `text` with the pin of `name` set to `ref` (added when missing), every other
 * byte of the file (comments, other pins, order) kept.
 */
export function setImagePin(
  text: string,
  name: string,
  ref: { newTag: string } | { digest: string },
): string {
  const doc = parseDocument(text) as Document.Parsed;
  if (doc.errors.length > 0) throw doc.errors[0];
  if (!isMap(doc.contents)) throw new Error('the pin file is not a mapping');
  let images = doc.get('images');
  if (!isSeq(images)) {
    doc.set('images', doc.createNode([]));
    images = doc.get('images');
  }
  if (!isSeq(images)) throw new Error('images is not a list');
  let entry = images.items.find(
    i => isMap(i) && (i as YAMLMap).get('name') === name,
  ) as YAMLMap | undefined;
  if (!entry) {
    entry = doc.createNode({ name }) as YAMLMap;
    images.items.push(entry);
  }
  entry.delete('newTag');
  entry.delete('digest');
  if ('digest' in ref) entry.set('digest', ref.digest);
  else entry.set('newTag', ref.newTag);
  return doc.toString({ lineWidth: 0 });
}
