import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: any) => Validatable;

/** The schemas of every kind that lives under argocd/ (Argo CD CRDs, core, RBAC, CloudNativePG, ESO). */
const MODELS: Record<string, ModelClass> = {
  'argoproj.io/v1alpha1/Application': Application,
  'argoproj.io/v1alpha1/ApplicationSet': ApplicationSet,
  'argoproj.io/v1alpha1/AppProject': AppProject,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'external-secrets.io/v1/ClusterSecretStore': ClusterSecretStore,
  'rbac.authorization.k8s.io/v1/Role': Role,
  'rbac.authorization.k8s.io/v1/RoleBinding': RoleBinding,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
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
