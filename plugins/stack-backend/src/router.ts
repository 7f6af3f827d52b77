import express from 'express';
import Router from 'express-promise-router';
import { actionsRoutes } from './routes/actions';
import { buildsRoutes } from './routes/builds';
import { capabilitiesRoutes } from './routes/capabilities';
import { healthRoutes } from './routes/health';
import { promotionRoutes } from './routes/promotions';
import { looseRoutes } from './routes/loose';
import { stackRoutes } from './routes/stack';
import { RouteDeps } from './routes/types';

/** The plugin's HTTP API: one route group per file in routes/. */
export function createRouter(deps: RouteDeps): express.Router {
  const router = Router();
  router.use(express.json({ limit: '100kb' }));
  router.use(healthRoutes(deps));
  router.use(buildsRoutes(deps));
  router.use(actionsRoutes(deps));
  router.use(stackRoutes(deps));
  router.use(promotionRoutes(deps));
  router.use(looseRoutes(deps));
  router.use(capabilitiesRoutes(deps));
  return router;
}
