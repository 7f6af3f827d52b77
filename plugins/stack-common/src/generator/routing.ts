import { Stack } from '../schema/stackSchema';
import { componentPort } from '../model/resolve';
import { Additions, GenerationContext, K8sObject } from './types';
import { allowIngress, namespacePeer } from './networkPolicy';

/**
 * Where the platform's Traefik runs (docs/conventions.md). Its pods proxy both
 * Ingresses and, with the Gateway provider on, HTTPRoutes, so it is the default
 * peer for either routing kind.
 */
export const PLATFORM_INGRESS_NAMESPACE = 'traefik';

/**
 * Publishes routed workloads on each environment's hostname, as an Ingress or,
 * when `spec.routing.kind` is `gateway`, an HTTPRoute, and lets the
 * controller's namespace reach them.
 */
export function routing(
  stack: Stack,
  routes: NonNullable<Additions['routes']>,
  ctx: GenerationContext,
): Additions {
  if (routes.length === 0) return {};
  const r = stack.spec.routing ?? {};
  const kind = r.kind ?? 'ingress';
  const controllerNs = r.controllerNamespace ?? PLATFORM_INGRESS_NAMESPACE;
  // Longest prefix first so that readers see the precedence controllers apply.
  const sorted = [...new Map(routes.map(x => [x.pathPrefix, x])).values()].sort(
    (a, b) =>
      b.pathPrefix.length - a.pathPrefix.length ||
      (a.pathPrefix < b.pathPrefix ? -1 : 1),
  );
  const labels = {
    'app.kubernetes.io/part-of': stack.metadata.name,
    'app.kubernetes.io/managed-by': 'idp-stack',
  };
  const out: Additions = { objects: [] };
  for (const env of ctx.environments) {
    let object: K8sObject;
    if (kind === 'gateway') {
      const [gwNs, gwName] = (r.gateway ?? 'gateway-system/platform').split(
        '/',
      );
      object = {
        apiVersion: ctx.api.httpRoute ?? 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: stack.metadata.name, labels },
        spec: {
          parentRefs: [{ name: gwName, namespace: gwNs }],
          hostnames: [env.hostname],
          rules: sorted.map(x => ({
            matches: [{ path: { type: 'PathPrefix', value: x.pathPrefix } }],
            backendRefs: [
              {
                name: x.component,
                port: componentPort(ctx.component(x.component)),
              },
            ],
          })),
        },
      };
    } else {
      object = {
        apiVersion: ctx.api.ingress,
        kind: 'Ingress',
        metadata: { name: stack.metadata.name, labels },
        spec: {
          ...(r.ingressClassName
            ? { ingressClassName: r.ingressClassName }
            : {}),
          tls: [
            { hosts: [env.hostname], secretName: `${stack.metadata.name}-tls` },
          ],
          rules: [
            {
              host: env.hostname,
              http: {
                paths: sorted.map(x => ({
                  path: x.pathPrefix,
                  pathType: 'Prefix',
                  backend: {
                    service: { name: x.component, port: { name: 'http' } },
                  },
                })),
              },
            },
          ],
        },
      };
    }
    out.objects!.push({ component: '', object, environment: env.name });
  }
  for (const name of [...new Set(routes.map(x => x.component))].sort()) {
    const c = ctx.component(name);
    out.objects!.push({
      component: name,
      object: allowIngress(
        stack,
        c,
        `${name}-from-ingress`,
        [namespacePeer(controllerNs)],
        [componentPort(c)],
      ),
    });
  }
  return out;
}
