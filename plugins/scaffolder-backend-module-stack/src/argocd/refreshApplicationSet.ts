import { Config } from '@backstage/config';
import {
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** Annotation that makes the ApplicationSet controller re-run its generators at once. */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/application-set-refresh';

export type ArgocdTarget = {
  kubeConfig: KubeConfig;
  server: string;
  namespace: string;
  applicationSet: string;
};

/** The cluster from `idp.argocd`, or undefined when none is configured. */
export function readArgocdTarget(config: Config): ArgocdTarget | undefined {
  const argocd = config.getOptionalConfig('idp.argocd');
  const cluster = argocd?.getOptionalConfig('cluster');
  if (!argocd || !cluster) return undefined;
  const kubeConfig = new KubeConfig();
  if (cluster.getOptionalBoolean('inCluster')) {
    kubeConfig.loadFromCluster();
  } else {
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'argocd',
          server: cluster.getString('url'),
          caData: cluster.getOptionalString('caData'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      ],
      users: [{ name: 'idp', token: cluster.getOptionalString('token') }],
      contexts: [{ name: 'argocd', cluster: 'argocd', user: 'idp' }],
      currentContext: 'argocd',
    });
  }
  return {
    kubeConfig,
    server: kubeConfig.getCurrentCluster()?.server ?? '',
    namespace: argocd.getOptionalString('namespace') ?? 'argocd',
    applicationSet: argocd.getOptionalString('applicationSet') ?? 'workloads',
  };
}

/** Sets the refresh annotation with a JSON merge patch (nothing else changes). */
export async function refreshApplicationSet(target: ArgocdTarget) {
  const api = target.kubeConfig.makeApiClient(CustomObjectsApi);
  await api.patchNamespacedCustomObject(
    {
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: target.namespace,
      plural: 'applicationsets',
      name: target.applicationSet,
      body: { metadata: { annotations: { [REFRESH_ANNOTATION]: 'true' } } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}
