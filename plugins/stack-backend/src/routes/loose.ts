import {
  LOOSE_SYSTEM_PATTERN,
  LooseStack,
  LooseStacksResponse,
  stackLooseReadAllPermission,
} from '@idp-stack/plugin-stack-common';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import Router from 'express-promise-router';
import { readableEntity } from '../service/readableEntity';
import { RouteDeps } from './types';

/**
 * `GET /loose` (`?system=` narrows to one system) and
 * `GET /loose/:kind/:namespace/:name`: loose stacks with a reason and a fix
 * link. Who sees what: the platform group (`stack.loose.read.all`) every
 * item; everyone else the items that belong to an entity the catalog lets
 * them read (the item's repository's components, or its system), with the
 * refs they may not read removed.
 */
export function looseRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, permissions, loose } = deps;
  const router = Router();

  async function visible(
    items: LooseStack[],
    credentials: BackstageCredentials,
  ): Promise<LooseStack[]> {
    const [decision] = await permissions.authorize(
      [{ permission: stackLooseReadAllPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return items;
    const refs = [...new Set(items.flatMap(i => i.entityRefs))];
    const readable = new Set<string>();
    if (refs.length) {
      const { items: entities } = await catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      refs.forEach((ref, i) => entities[i] && readable.add(ref));
    }
    return items
      .map(i => ({
        ...i,
        entityRefs: i.entityRefs.filter(r => readable.has(r)),
      }))
      .filter(i => i.entityRefs.length > 0);
  }

  router.get('/loose', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const system = req.query.system;
    if (
      system !== undefined &&
      (typeof system !== 'string' || !LOOSE_SYSTEM_PATTERN.test(system))
    ) {
      throw new InputError(
        'system must be a system name (a lower-case DNS label of at most 39 characters)',
      );
    }
    const report = await loose.current();
    const items = await visible(
      system ? report.items.filter(i => i.system === system) : report.items,
      credentials,
    );
    const answer: LooseStacksResponse = { ...report, items };
    res.json(answer);
  });

  router.get('/loose/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // 404 for an entity the caller may not read, like every entity route.
    const ref = stringifyEntityRef(
      await readableEntity(catalog, credentials, req.params),
    );
    const report = await loose.current();
    const items = await visible(
      report.items.filter(i => i.entityRefs.includes(ref)),
      credentials,
    );
    const answer: LooseStacksResponse = { ...report, items };
    res.json(answer);
  });

  return router;
}
