import {
  DEFAULT_KUBERNETES_VERSION,
  MAX_KUBERNETES_MINOR,
  MIN_KUBERNETES_MINOR,
} from '../schema/names';

/** API versions of the built-in kinds the generator emits, for one target Kubernetes version. */
export interface ApiVersions {
  minor: number;
  horizontalPodAutoscaler: 'autoscaling/v2' | 'autoscaling/v2beta2';
  podDisruptionBudget: 'policy/v1' | 'policy/v1beta1';
  ingress: 'networking.k8s.io/v1';
  httpRoute?:
    | 'gateway.networking.k8s.io/v1'
    | 'gateway.networking.k8s.io/v1beta1';
}

export function kubernetesMinor(version: string | undefined): number {
  return Number((version ?? DEFAULT_KUBERNETES_VERSION).split('.')[1]);
}

export function kubernetesVersionSupported(minor: number): boolean {
  return minor >= MIN_KUBERNETES_MINOR && minor <= MAX_KUBERNETES_MINOR;
}

/**
 * autoscaling/v2 is GA in 1.23 (v2beta2 removed in 1.26); policy/v1 PDBs in
 * 1.21 (v1beta1 removed in 1.25); Gateway API v1 CRDs (v1.0+) need 1.25,
 * v1beta1 HTTPRoutes (v0.8) run on 1.23+.
 */
export function apiVersionsFor(version: string | undefined): ApiVersions {
  const minor = kubernetesMinor(version);
  let httpRoute: ApiVersions['httpRoute'];
  if (minor >= 25) httpRoute = 'gateway.networking.k8s.io/v1';
  else if (minor >= 23) httpRoute = 'gateway.networking.k8s.io/v1beta1';
  return {
    minor,
    horizontalPodAutoscaler:
      minor >= 23 ? 'autoscaling/v2' : 'autoscaling/v2beta2',
    podDisruptionBudget: minor >= 21 ? 'policy/v1' : 'policy/v1beta1',
    ingress: 'networking.k8s.io/v1',
    httpRoute,
  };
}
