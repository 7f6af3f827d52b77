import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';

/**
 * The baseline: what per-entity pass-through plugins do. Every request asks
 * every Argo CD instance for the entity's Applications and GitHub for its
 * runs; nothing is cached or shared.
 */
export function createNaivePlugin(opts: {
  instances: Array<{ url: string; token: string }>;
  githubApi: string;
}) {
  return createBackendPlugin({
    pluginId: 'naive',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          catalog: catalogServiceRef,
        },
        async init({ httpRouter, httpAuth, catalog }) {
          const health = async (repo: string) =>
            Promise.all(
              opts.instances.map(async i => {
                const res = await fetch(
                  `${i.url}/api/v1/applications?selector=${encodeURIComponent(
                    `idp.platform/repo=${repo}`,
                  )}`,
                  { headers: { Authorization: `Bearer ${i.token}` } },
                );
                return res.json();
              }),
            );
          const repoOf = (annotations: Record<string, string> = {}) =>
            (annotations['github.com/project-slug'] ?? '/').split('/')[1];
          const router = Router();
          router.use(express.json());
          router.get('/health/:kind/:namespace/:name', async (req, res) => {
            const credentials = await httpAuth.credentials(req);
            const entity = await catalog.getEntityByRef(
              stringifyEntityRef(req.params),
              { credentials },
            );
            if (!entity) throw new NotFoundError('entity not found');
            res.json(await health(repoOf(entity.metadata.annotations)));
          });
          router.get('/builds/:kind/:namespace/:name', async (req, res) => {
            const credentials = await httpAuth.credentials(req);
            const entity = await catalog.getEntityByRef(
              stringifyEntityRef(req.params),
              { credentials },
            );
            if (!entity) throw new NotFoundError('entity not found');
            const slug =
              entity.metadata.annotations!['github.com/project-slug'];
            const gh = await fetch(
              `${opts.githubApi}/repos/${slug}/actions/runs?per_page=20`,
            );
            res.json({
              runs: await gh.json(),
              health: await health(repoOf(entity.metadata.annotations)),
            });
          });
          // A catalog page without a batch endpoint: one pass-through per row.
          router.post('/health/batch', async (req, res) => {
            const credentials = await httpAuth.credentials(req);
            const { items } = await catalog.getEntitiesByRefs(
              { entityRefs: req.body.entityRefs },
              { credentials },
            );
            res.json(
              await Promise.all(
                items.map(e =>
                  e ? health(repoOf(e.metadata.annotations)) : null,
                ),
              ),
            );
          });
          httpRouter.use(router);
        },
      });
    },
  });
}
