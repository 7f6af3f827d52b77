import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { GITOPS_ROOT } from './manifestFiles';

/**
 * Unknown-field detection for Argo CD's kinds from Argo CD's own CRDs
 * (vendored under crds/, at the version the platform installs: see
 * argocd/README.md). The kubernetes-models validators accept any extra
 * property, while the API server prunes, or with strict field validation
 * refuses, every field its structural schema does not name
 * (https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#field-pruning),
 * so a misspelt `syncWindow:` would pass the model check and do nothing.
 */
export const ARGO_CD_CRDS = join(GITOPS_ROOT, 'crds', 'argo-cd-v3.1.0');

/** The part of an OpenAPI v3 schema of a structural CRD that decides which fields exist. */
export interface CrdSchema {
  type?: string;
  properties?: Record<string, CrdSchema>;
  additionalProperties?: CrdSchema | boolean;
  items?: CrdSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
}

const CRD_FILES: Record<string, string> = {
  Application: 'application-crd.yaml',
  ApplicationSet: 'applicationset-crd.yaml',
  AppProject: 'appproject-crd.yaml',
};

/**
 * ObjectMeta's fields: a CRD's schema says only `metadata: {type: object}`,
 * the API server validates it as ObjectMeta
 * (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/).
 */
const ANY: CrdSchema = { 'x-kubernetes-preserve-unknown-fields': true };
const STRINGS: CrdSchema = {
  type: 'object',
  additionalProperties: { type: 'string' },
};
const OBJECT_META: CrdSchema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(
      [
        'name',
        'generateName',
        'namespace',
        'selfLink',
        'uid',
        'resourceVersion',
        'generation',
        'creationTimestamp',
        'deletionTimestamp',
        'deletionGracePeriodSeconds',
        'finalizers',
        'ownerReferences',
        'managedFields',
      ].map(f => [f, ANY]),
    ),
    labels: STRINGS,
    annotations: STRINGS,
  },
};

const schemas = new Map<string, CrdSchema>();

/** The `openAPIV3Schema` of `kind` at `version` in its vendored CRD. */
export function crdSchema(kind: string, version = 'v1alpha1'): CrdSchema {
  const key = `${kind}/${version}`;
  const cached = schemas.get(key);
  if (cached) return cached;
  const file = CRD_FILES[kind];
  if (!file) throw new Error(`no Argo CD CRD vendored for kind ${kind}`);
  const crd = parse(readFileSync(join(ARGO_CD_CRDS, file), 'utf8'));
  const served = crd.spec.versions.find(
    (v: { name: string }) => v.name === version,
  );
  if (!served) throw new Error(`${file} has no version ${version}`);
  const schema: CrdSchema = served.schema.openAPIV3Schema;
  schema.properties = { ...schema.properties, metadata: OBJECT_META };
  schemas.set(key, schema);
  return schema;
}

function walk(
  value: unknown,
  schema: CrdSchema,
  path: string,
  out: string[],
): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    if (schema.items) {
      value.forEach((v, i) => walk(v, schema.items!, `${path}[${i}]`, out));
    }
    return;
  }
  if (typeof value !== 'object') return;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const { properties, additionalProperties } = schema;
  for (const [key, v] of Object.entries(value)) {
    const field =
      properties?.[key] ??
      (typeof additionalProperties === 'object'
        ? additionalProperties
        : undefined);
    if (field) walk(v, field, `${path}.${key}`, out);
    else if (!preserve && additionalProperties !== true) {
      out.push(`${path}.${key}`);
    }
  }
}

/**
 * Fields our manifests set that the pinned Argo CD (v3.1.0) does not have:
 * the API server prunes them (or refuses them under strict field
 * validation), so they do nothing until the platform runs a version that
 * has them. Listed by path with the version that adds them, so the check
 * passes knowingly; each goes when the pin moves or the field is dropped.
 */
export const AHEAD_OF_PINNED_ARGO_CD: Record<string, string> = {
  // argoproj/argo-cd#21505, first in v3.5.0; no argo-cd chart ships 3.5 yet.
  'ApplicationSet.spec.generators[0].matrix.generators[0].scmProvider.github.excludeArchivedRepos':
    'v3.5.0',
  // The same field in the rendered-manifests generator.
  'ApplicationSet.spec.generators[1].matrix.generators[0].scmProvider.github.excludeArchivedRepos':
    'v3.5.0',
};

/**
 * The fields of an Argo CD object that its kind's CRD schema does not have,
 * by path, e.g. `AppProject.spec.destinations[0].namespaces`.
 */
export function unknownCrdFields(obj: {
  apiVersion?: string;
  kind: string;
}): string[] {
  const version = obj.apiVersion?.split('/')[1] ?? 'v1alpha1';
  const out: string[] = [];
  walk(obj, crdSchema(obj.kind, version), obj.kind, out);
  return out;
}
