import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApplicationSet } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/ApplicationSet';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import { ClusterRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy';
import { ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { AHEAD_OF_PINNED_ARGO_CD, unknownCrdFields } from './crdFields';
import { unknownFields } from './strictFields';

interface Validatable {
  validate(): void;
}
type ModelClass = new (data: any) => Validatable;

const ARGO = '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
const CORE = 'kubernetes-models';
const RBAC = `${CORE}/rbac.authorization.k8s.io/v1`;

/**
 * The schemas of every kind that lives under argocd/ (Argo CD CRDs, core, RBAC,
 * CloudNativePG, External Secrets): the model class, and the models module
 * whose `.d.ts` lists the kind's fields (strictFields.ts) for the kinds
 * whose schema is not vendored; Argo CD's fields come from its own CRDs
 * (crdFields.ts).
 */
const MODELS: Record<string, [ModelClass, string]> = {
  'argoproj.io/v1alpha1/Application': [Application, `${ARGO}/Application`],
  'argoproj.io/v1alpha1/ApplicationSet': [
    ApplicationSet,
    `${ARGO}/ApplicationSet`,
  ],
  'argoproj.io/v1alpha1/AppProject': [AppProject, `${ARGO}/AppProject`],
  'postgresql.cnpg.io/v1/Cluster': [
    Cluster,
    '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster',
  ],
  'external-secrets.io/v1/ClusterSecretStore': [
    ClusterSecretStore,
    '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore',
  ],
  'rbac.authorization.k8s.io/v1/Role': [Role, `${RBAC}/Role`],
  'rbac.authorization.k8s.io/v1/RoleBinding': [
    RoleBinding,
    `${RBAC}/RoleBinding`,
  ],
  'rbac.authorization.k8s.io/v1/ClusterRole': [
    ClusterRole,
    `${RBAC}/ClusterRole`,
  ],
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': [
    ClusterRoleBinding,
    `${RBAC}/ClusterRoleBinding`,
  ],
  'apps/v1/Deployment': [Deployment, `${CORE}/apps/v1/Deployment`],
  'networking.k8s.io/v1/Ingress': [
    Ingress,
    `${CORE}/networking.k8s.io/v1/Ingress`,
  ],
  'policy/v1/PodDisruptionBudget': [
    PodDisruptionBudget,
    `${CORE}/policy/v1/PodDisruptionBudget`,
  ],
  'v1/Namespace': [Namespace, `${CORE}/v1/Namespace`],
  'v1/LimitRange': [LimitRange, `${CORE}/v1/LimitRange`],
  'v1/ResourceQuota': [ResourceQuota, `${CORE}/v1/ResourceQuota`],
  'networking.k8s.io/v1/NetworkPolicy': [
    NetworkPolicy,
    `${CORE}/networking.k8s.io/v1/NetworkPolicy`,
  ],
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy': [
    ValidatingAdmissionPolicy,
    `${CORE}/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy`,
  ],
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding': [
    ValidatingAdmissionPolicyBinding,
    `${CORE}/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding`,
  ],
  'v1/Service': [Service, `${CORE}/v1/Service`],
  'v1/ServiceAccount': [ServiceAccount, `${CORE}/v1/ServiceAccount`],
};

/**
 * Validates one object against the schema of its apiVersion and kind, and
 * refuses fields the kind does not have (the schemas accept extra properties;
 * the API server's strict field validation does not). Throws with the errors,
 * or when no schema is known for the kind.
 */
export function validateManifest(obj: {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
}): void {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const known = MODELS[key];
  if (!known)
    throw new Error(`no schema known for ${key} (${obj.metadata?.name})`);
  const [Model, module] = known;
  try {
    new Model(obj).validate();
  } catch (e) {
    throw new Error(`${key} ${obj.metadata?.name}: ${(e as Error).message}`);
  }
  const unknown = obj.apiVersion?.startsWith('argoproj.io/')
    ? unknownCrdFields(obj as { kind: string })
        .filter(path => !AHEAD_OF_PINNED_ARGO_CD[path])
        .map(path => `${path} is not a field of this kind`)
    : unknownFields(obj as { kind: string }, module);
  if (unknown.length > 0)
    throw new Error(`${key} ${obj.metadata?.name}: ${unknown.join('; ')}`);
}
