import type {
  HealthBatchItem,
  HealthBatchResponse,
} from '@idp-stack/plugin-stack-common';
import { HEALTH_BATCH_LIMIT } from '@idp-stack/plugin-stack-common';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, serializeError } from '@backstage/errors';
import Router from 'express-promise-router';
import {
  buildEntityHealth,
  instanceStatuses,
} from '../service/buildEntityHealth';
import { readableEntity } from '../service/readableEntity';
import { RouteDeps } from './types';

function batchRefs(body: unknown): string[] {
  const refs = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (!Array.isArray(refs) || refs.some(r => typeof r !== 'string')) {
    throw new InputError('entityRefs must be an array of entity ref strings');
  }
  if (refs.length === 0 || refs.length > HEALTH_BATCH_LIMIT) {
    throw new InputError(
      `entityRefs must hold 1 to ${HEALTH_BATCH_LIMIT} refs, got ${refs.length}`,
    );
  }
  // Normalised so the catalog and the answer agree on the spelling.
  return refs.map((ref, i) => {
    try {
      return stringifyEntityRef(parseEntityRef(ref));
    } catch (e) {
      throw new InputError(
        `entityRefs[${i}] "${ref}" is not an entity ref: ${e}`,
      );
    }
  });
}

/** `GET /health/:kind/:namespace/:name` and `POST /health/batch`. */
export function healthRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, store, config } = deps;
  const orgs = config.github.organizations;
  const router = Router();

  router.post('/health/batch', async (req, res) => {
    const refs = batchRefs(req.body);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // One catalog call for the page; unreadable entities come back as null.
    const { items: entities } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const views = await store.views();
    const now = Date.now();
    const instances = instanceStatuses(views, now);
    const items: HealthBatchItem[] = refs.map((entityRef, i) => {
      const entity = entities[i] as Entity | undefined | null;
      if (!entity) {
        return {
          entityRef,
          error: {
            name: 'NotFoundError',
            message: `entity ${entityRef} not found`,
          },
        };
      }
      // One entity's bad annotation (e.g. a malformed argocd/app-selector)
      // is its own item's error; the rest of the page still gets health.
      try {
        return {
          entityRef,
          health: buildEntityHealth(entity, orgs, views, instances, now),
        };
      } catch (e) {
        const { name, message } = serializeError(e as Error);
        return { entityRef, error: { name, message } };
      }
    });
    const response: HealthBatchResponse = { items, instances };
    res.json(response);
  });

  router.get('/health/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await readableEntity(catalog, credentials, req.params);
    const views = await store.views();
    const now = Date.now();
    res.json(
      buildEntityHealth(entity, orgs, views, instanceStatuses(views, now), now),
    );
  });

  return router;
}
