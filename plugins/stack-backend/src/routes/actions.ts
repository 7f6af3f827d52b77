import {
  stackActionPermission,
  type ApplicationActionRequest,
  type ApplicationActionResponse,
} from '@idp-stack/plugin-stack-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { UpstreamFailure } from '../service/UpstreamFailure';
import Router from 'express-promise-router';
import { applicationsFor } from '../service/buildEntityHealth';
import { readableEntity } from '../service/readableEntity';
import { RouteDeps } from './types';

function actionRequest(body: unknown): ApplicationActionRequest {
  const b = (body ?? {}) as Partial<ApplicationActionRequest>;
  for (const field of ['entityRef', 'environment'] as const) {
    if (typeof b[field] !== 'string' || !b[field]) {
      throw new InputError(`${field} must be a non-empty string`);
    }
  }
  if (b.instance !== undefined && typeof b.instance !== 'string') {
    throw new InputError('instance must be a string when given');
  }
  return b as ApplicationActionRequest;
}

/**
 * `POST /actions/sync` and `POST /actions/refresh` on one Application of an
 * entity. Off unless `stack.actions.enabled`, and behind the resource
 * permissions `stack.application.sync` / `.sync.approved` (environments of
 * `stack.actions.approvalEnvironments`) / `.refresh`, authorized for the
 * entity's ref so a policy can answer with catalog conditions (ownership).
 */
export function actionsRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, permissions, store, config, logger } = deps;
  const router = Router();

  for (const action of ['sync', 'refresh'] as const) {
    router.post(`/actions/${action}`, async (req, res) => {
      if (!config.actionsEnabled) {
        throw new NotAllowedError(
          'Application actions are disabled: set stack.actions.enabled: true',
        );
      }
      const body = actionRequest(req.body);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      let ref;
      try {
        ref = parseEntityRef(body.entityRef);
      } catch (e) {
        throw new InputError(`entityRef is not an entity ref: ${e}`);
      }
      // Read first: an entity the caller may not see is a 404, not a 403.
      const entity = await readableEntity(catalog, credentials, ref);
      const resourceRef = stringifyEntityRef(entity);
      const permission = stackActionPermission(
        action,
        config.approvalEnvironments.includes(body.environment),
      );
      const [decision] = await permissions.authorize(
        [{ permission, resourceRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `permission ${permission.name} on ${resourceRef} denied`,
        );
      }
      const candidates = applicationsFor(
        entity,
        config.github.organizations,
        await store.views(),
        Date.now(),
      ).filter(
        a =>
          a.environment === body.environment &&
          (!body.instance || a.instance === body.instance),
      );
      if (candidates.length === 0) {
        throw new NotFoundError(
          `no Argo CD Application of ${body.entityRef} in environment ${body.environment}`,
        );
      }
      if (candidates.length > 1) {
        throw new InputError(
          `environment ${body.environment} of ${
            body.entityRef
          } is deployed by ${candidates
            .map(c => c.instance)
            .join(', ')}: pass instance`,
        );
      }
      const app = candidates[0];
      const client = store.client(app.instance)!;
      try {
        if (action === 'sync') {
          await client.sync(app.name, app.namespace);
        } else {
          await client.refresh(app.name, app.namespace);
        }
      } catch (e) {
        // The caller did nothing wrong: Argo CD failed (message says what to fix).
        throw new ServiceUnavailableError(
          UpstreamFailure.from(e, client.upstream).message,
        );
      }
      store.invalidate(app.instance);
      logger.info(
        `stack: ${action} of ${app.instance}/${app.name} requested by ${
          (credentials.principal as { userEntityRef?: string }).userEntityRef ??
          'a service'
        }`,
      );
      const response: ApplicationActionResponse = {
        instance: app.instance,
        application: app.name,
        action,
        accepted: true,
      };
      res.json(response);
    });
  }

  return router;
}
