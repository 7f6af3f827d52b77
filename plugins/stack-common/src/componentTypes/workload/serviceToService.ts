import { envPrefix } from '../../schema/names';
import { componentPort } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';

/** service → service: the callee's in-cluster URL and NetworkPolicies for its port. */
export const serviceToService: LinkRule = (stack, link) => {
  const port = componentPort(link.to);
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          {
            name: `${envPrefix(link.to.name)}_URL`,
            value: `http://${link.to.name}:${port}`,
          },
        ],
      },
    ],
    objects: linkPolicies(stack, link.from, link.to, [port]),
  };
};
