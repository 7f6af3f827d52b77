import type { Stack } from '../../schema/stackSchema';
import { componentPort, labelsFor, selectorFor } from '../../model/resolve';
import type {
  Additions,
  GenerationContext,
  K8sObject,
} from '../../generator/types';
import type { ServiceComponent } from './schema';
import { serviceTelemetry } from './observability';

/**
 * Everything a service or frontend gets besides its Deployment:
 * ServiceAccount, Service, an HPA where the environment autoscales
 * (stage/prod by default), a PodDisruptionBudget in prod, and a service's
 * telemetry wiring (observability.ts).
 */
export function workloadDefaults(
  stack: Stack,
  c: ServiceComponent,
  ctx: GenerationContext,
): Additions {
  const labels = labelsFor(stack, c);
  const port = componentPort(c);
  const objects: Additions['objects'] = [
    {
      component: c.name,
      object: {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: c.name, labels },
        automountServiceAccountToken: false,
      },
    },
    {
      component: c.name,
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: c.name, labels },
        spec: {
          selector: selectorFor(stack, c.name),
          ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }],
        },
      },
    },
  ];
  for (const env of ctx.environments) {
    const override = env.settings.components?.[c.name];
    const a = { ...env.autoscaling, ...override?.autoscaling };
    if (a.enabled) {
      const hpa: K8sObject = {
        apiVersion: ctx.api.horizontalPodAutoscaler,
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: c.name, labels },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: c.name,
          },
          minReplicas: a.minReplicas,
          maxReplicas: Math.max(a.maxReplicas, a.minReplicas),
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: {
                  type: 'Utilization',
                  averageUtilization: a.targetCPUUtilization,
                },
              },
            },
          ],
        },
      };
      objects.push({ component: c.name, object: hpa, environment: env.name });
    }
    if (env.name === 'prod') {
      objects.push({
        component: c.name,
        environment: env.name,
        object: {
          apiVersion: ctx.api.podDisruptionBudget,
          kind: 'PodDisruptionBudget',
          metadata: { name: c.name, labels },
          spec: {
            maxUnavailable: 1,
            selector: { matchLabels: selectorFor(stack, c.name) },
          },
        },
      });
    }
  }
  const telemetry = serviceTelemetry(stack, c, ctx);
  // A frontend is the site itself: it owns the root of the hostname.
  return {
    objects: [...objects, ...(telemetry.objects ?? [])],
    env: telemetry.env,
    ...(c.type === 'frontend'
      ? { routes: [{ component: c.name, pathPrefix: '/' }] }
      : {}),
  };
}
