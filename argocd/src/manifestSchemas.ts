import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: any) => Validatable;

/** The schemas of every kind that lives under argocd/ (Argo CD CRDs, core, CloudNativePG). */
const MODELS: Record<string, ModelClass> = {
  'argoproj.io/v1alpha1/Application': Application,
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/AppProject': AppProject,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'apps/v1/Deployment': Deployment,
  'networking.k8s.io/v1/Ingress': Ingress,
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
};

/**
 * Validates one object against the schema of its apiVersion and kind; throws
 * with the schema errors, or when no schema is known for the kind.
 */
export function validateManifest(obj: {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
}): void {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const Model = MODELS[key];
  if (!Model)
    throw new Error(`no schema known for ${key} (${obj.metadata?.name})`);
  try {
    new Model(obj).validate();
  } catch (e) {
    throw new Error(`${key} ${obj.metadata?.name}: ${(e as Error).message}`);
  }
}
