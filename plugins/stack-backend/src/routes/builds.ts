import Router from 'express-promise-router';
import { applicationsFor } from '../service/buildEntityHealth';
import { readableEntity } from '../service/readableEntity';
import { RouteDeps } from './types';

/** `GET /builds/:kind/:namespace/:name`: latest runs and where each commit is deployed. */
export function buildsRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, store, builds, config } = deps;
  const router = Router();

  router.get('/builds/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await readableEntity(catalog, credentials, req.params);
    const applications = applicationsFor(
      entity,
      config.github.organizations,
      await store.views(),
      Date.now(),
    );
    res.json(await builds.forEntity(entity, applications));
  });

  return router;
}
