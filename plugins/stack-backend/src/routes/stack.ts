import Router from 'express-promise-router';
import { readableEntity } from '../service/readableEntity';
import { RouteDeps } from './types';

/**
 * `GET /stack/:kind/:namespace/:name`: the validated stack.yaml of the
 * entity's repository; `?at=head` reads it at the branch's current commit and
 * returns that `commitSha` too (the stack editor's starting point).
 */
export function stackRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, stackFiles } = deps;
  const router = Router();

  router.get('/stack/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // Read through the catalog first: no file is read for an entity the caller may not see.
    const entity = await readableEntity(catalog, credentials, req.params);
    res.json(
      req.query.at === 'head'
        ? await stackFiles.forEntityAtHead(entity)
        : await stackFiles.forEntity(entity),
    );
  });

  return router;
}
