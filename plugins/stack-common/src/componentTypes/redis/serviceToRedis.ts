import { envPrefix } from '../../schema/names';
import { componentPort } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import type { RedisComponent } from './schema';

/** service → redis (or one logical database): URL with the database index, plus NetworkPolicies. */
export const serviceToRedis: LinkRule = (stack, link) => {
  const redis = link.to as RedisComponent;
  const port = componentPort(redis);
  const index = link.sub
    ? (redis.databases ?? []).find(d => d.name === link.sub!.name)!.index
    : 0;
  const p = envPrefix(link.sub ? `${redis.name}_${link.sub.name}` : redis.name);
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          { name: `${p}_HOST`, value: redis.name },
          { name: `${p}_PORT`, value: String(port) },
          { name: `${p}_DB`, value: String(index) },
          { name: `${p}_URL`, value: `redis://${redis.name}:${port}/${index}` },
        ],
      },
    ],
    objects: linkPolicies(stack, link.from, redis, [port]),
  };
};
