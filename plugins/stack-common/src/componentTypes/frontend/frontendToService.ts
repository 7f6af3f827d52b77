import { envPrefix } from '../../schema/names';
import { componentPort } from '../../model/resolve';
import type { Additions, LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';

/**
 * frontend → service: the service is routed under `pathPrefix` (default
 * `/api/<service>`) on each environment's hostname; the frontend gets the
 * public API base URL, the service allows the frontend's origin (CORS).
 * Next.js renders on the server too, so it may also call the service in-cluster.
 */
export const frontendToService: LinkRule = (stack, link, ctx) => {
  const prefix = link.pathPrefix ?? `/api/${link.to.name}`;
  const p = envPrefix(link.to.name);
  const out: Additions = {
    env: [],
    routes: [{ component: link.to.name, pathPrefix: prefix }],
  };
  for (const env of ctx.environments) {
    const origin = `https://${env.hostname}`;
    out.env!.push(
      {
        component: link.from.name,
        environment: env.name,
        vars: [{ name: `${p}_API_BASE_URL`, value: `${origin}${prefix}` }],
      },
      {
        component: link.to.name,
        environment: env.name,
        vars: [{ name: 'CORS_ALLOWED_ORIGINS', value: origin }],
      },
    );
  }
  if (link.from.type === 'frontend' && link.from.framework === 'nextjs') {
    const port = componentPort(link.to);
    out.env!.push({
      component: link.from.name,
      vars: [
        { name: `${p}_INTERNAL_URL`, value: `http://${link.to.name}:${port}` },
      ],
    });
    out.objects = linkPolicies(stack, link.from, link.to, [port]);
  }
  return out;
};
