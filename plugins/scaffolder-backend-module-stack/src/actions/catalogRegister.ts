import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ALLOWED_OWNERS_KEY, checkAllowedOwner } from '../github/allowedOwners';
import { parseOwnerRepo } from '../github/parseOwnerRepo';
import { examples } from './catalogRegister.examples';
import { MAX_REPO_URL, repoUrlInput } from '../github/repoUrlInput';

const MAX_PATH = 512;

/** The entity catalog:register names: the first real Component, else the first real entity. */
function mainEntity(entities: Entity[]): Entity | undefined {
  const real = entities.filter(e => !e.metadata.name.startsWith('generated-'));
  return real.find(e => e.kind === 'Component') ?? real[0] ?? entities[0];
}

/**
 * Refuses a catalog file URL that is not inside `owner/repo` on `host`:
 * `https://<host>/<owner>/<repo>/(blob|tree)/...`, the shapes the GitHub
 * integration's resolveUrl produces. `new URL` has already resolved any `..`.
 */
function checkInsideRepository(
  field: string,
  url: string,
  where: { host: string; owner: string; repo: string },
): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${field}: "${url}" is not an absolute URL`);
  }
  const [, owner, repo, kind] = parsed.pathname.split('/');
  const inside =
    parsed.protocol === 'https:' &&
    parsed.host === where.host &&
    !parsed.username &&
    !parsed.password &&
    !parsed.search &&
    !parsed.hash &&
    owner?.toLowerCase() === where.owner.toLowerCase() &&
    repo?.toLowerCase() === where.repo.toLowerCase() &&
    (kind === 'blob' || kind === 'tree');
  if (!inside) {
    throw new NotAllowedError(
      `${field}: "${url}" is not a file of https://${where.host}/${where.owner}/${where.repo}, the repository this task published (repoUrl); nothing was registered`,
    );
  }
}

/**
 * `idp:catalog:register`: registers the catalog-info.yaml of the repository
 * the same task published, with this module's own service credentials.
 *
 * Why: the platform's permission policy gives `catalog.location.create` to the
 * platform group only, so the built-in `catalog:register`, which registers
 * with the initiator's credentials, fails for every other template user. A
 * service principal passes the permission check without reaching the policy
 * (backstage/backstage plugins/permission-node/src/ServerPermissionClient.ts,
 * `shouldPermissionsBeApplied` returns false for `isPrincipal(credentials,
 * 'service')`), so this action is the gate instead: only a GitHub host the
 * integrations configure, only an owner in `idp.github.allowedOwners` (the
 * list idp:github:publish enforces), only a file inside the task's `repoUrl`.
 */
export function createCatalogRegisterAction(options: {
  integrations: ScmIntegrationRegistry;
  catalog: CatalogService;
  auth: AuthService;
  /** `idp.github.allowedOwners`, as for idp:github:publish. */
  allowedOwners: string[];
}) {
  const { integrations, catalog, auth, allowedOwners } = options;

  return createTemplateAction({
    id: 'idp:catalog:register',
    description: `Registers the catalog-info.yaml of the repository this task published (repoUrl, on a configured GitHub host, owner in ${ALLOWED_OWNERS_KEY}) with the scaffolder's own credentials`,
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => repoUrlInput(z, 'the repository the task published'),
        repoContentsUrl: z =>
          z
            .string()
            .max(MAX_REPO_URL)
            .optional()
            .describe(
              'Root of the repository tree (idp:github:publish output repoContentsUrl)',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .max(MAX_PATH)
            .optional()
            .describe(
              'Path of the catalog file from the repository root (default /catalog-info.yaml)',
            ),
        catalogInfoUrl: z =>
          z
            .string()
            .max(MAX_REPO_URL)
            .optional()
            .describe(
              'Absolute URL of the catalog file, instead of repoContentsUrl + catalogInfoPath',
            ),
      },
      output: {
        entityRef: z =>
          z.string().optional().describe('The main entity registered'),
        catalogInfoUrl: z =>
          z.string().describe('The location registered in the catalog'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const where = parseOwnerRepo(input.repoUrl, integrations);
      if (!integrations.github.byHost(where.host)) {
        throw new NotAllowedError(
          `repoUrl: "${where.host}" is not a GitHub host configured under integrations.github; nothing was registered`,
        );
      }
      checkAllowedOwner(where.owner, allowedOwners);

      let field: string;
      let catalogInfoUrl: string;
      if (input.catalogInfoUrl !== undefined) {
        if (input.repoContentsUrl !== undefined) {
          throw new InputError(
            'catalogInfoUrl: give either catalogInfoUrl or repoContentsUrl (+ catalogInfoPath), not both',
          );
        }
        field = 'catalogInfoUrl';
        catalogInfoUrl = input.catalogInfoUrl;
      } else if (input.repoContentsUrl !== undefined) {
        checkInsideRepository('repoContentsUrl', input.repoContentsUrl, where);
        field = 'catalogInfoPath';
        catalogInfoUrl = integrations.github.byHost(where.host)!.resolveUrl({
          base: input.repoContentsUrl,
          url: input.catalogInfoPath ?? '/catalog-info.yaml',
        });
      } else {
        throw new InputError(
          'repoContentsUrl: required (or catalogInfoUrl), the catalog file to register',
        );
      }
      checkInsideRepository(field, catalogInfoUrl, where);
      ctx.output('catalogInfoUrl', catalogInfoUrl);

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would register ${catalogInfoUrl} in the catalog`,
        );
        return;
      }

      const credentials = await auth.getOwnServiceCredentials();
      const entityRef = await ctx.checkpoint({
        key: `idp:catalog:register:v1:${catalogInfoUrl}`,
        fn: async () => {
          ctx.logger.info(
            `Registering ${catalogInfoUrl} in the catalog for ${where.owner}/${where.repo}`,
          );
          const location = { type: 'url', target: catalogInfoUrl };
          // The catalog returns the file's entities only for a dry run; doing
          // it first also means an unreadable file registers nothing.
          const read = await catalog.addLocation(
            { ...location, dryRun: true },
            { credentials },
          );
          await catalog.addLocation(location, { credentials });
          const entity = mainEntity(read.entities);
          return entity ? stringifyEntityRef(entity) : null;
        },
      });
      if (entityRef) ctx.output('entityRef', entityRef);
    },
  });
}
