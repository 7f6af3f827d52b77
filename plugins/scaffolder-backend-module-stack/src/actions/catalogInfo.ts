import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  generateCatalogEntities,
  parseStackYaml,
  serializeCatalogEntities,
} from '@idp-stack/plugin-stack-common';
import { promises as fs } from 'node:fs';
import { validateEntity } from '../catalog/validateEntity';
import { parseOwnerRepo } from '../github/parseOwnerRepo';
import { examples } from './catalogInfo.examples';
import { repoUrlInput } from '../github/repoUrlInput';

/** Ids the action is registered under; platform teams know the second one. */
export const CATALOG_INFO_ACTION_IDS = [
  'stack:catalog-info',
  'template:catalog-info-handler',
] as const;

/**
 * `stack:catalog-info`: writes catalog-info.yaml from the stack.yaml in the
 * workspace. Every entity is validated with @backstage/catalog-model first,
 * so nothing the catalog would reject is ever written.
 */
export function createCatalogInfoAction(options: {
  integrations: ScmIntegrationRegistry;
  id?: (typeof CATALOG_INFO_ACTION_IDS)[number];
}) {
  const { integrations } = options;
  return createTemplateAction({
    id: options.id ?? 'stack:catalog-info',
    description:
      'Writes catalog-info.yaml from stack.yaml: a System, a Component per service/frontend, an API per service, a Resource per data component and sub-component, with relations mirroring the links',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => repoUrlInput(z, 'gives the annotations their org/repo'),
        stackFile: z =>
          z
            .string()
            .optional()
            .describe('Workspace path of stack.yaml (default stack.yaml)'),
        lifecycle: z =>
          z
            .string()
            .optional()
            .describe('Catalog lifecycle (default experimental)'),
      },
      output: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The main service Component (or the System when there is none)',
            ),
        entityRefs: z => z.array(z.string()),
        catalogInfoPath: z =>
          z
            .string()
            .describe('Path for idp:catalog:register, /catalog-info.yaml'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const { owner, repo, host } = parseOwnerRepo(input.repoUrl, integrations);
      const stackFile = input.stackFile ?? 'stack.yaml';
      const text = await fs
        .readFile(resolveSafeChildPath(ctx.workspacePath, stackFile), 'utf8')
        .catch(() => {
          throw new InputError(
            `stackFile: ${stackFile} is not in the workspace; run stack:generate first`,
          );
        });
      const parsed = parseStackYaml(text);
      if (!parsed.ok) {
        throw new InputError(
          `stackFile: ${stackFile} is invalid:\n${parsed.issues
            .map(i => i.message)
            .join('\n')}`,
        );
      }
      if (parsed.stack.metadata.name !== repo) {
        throw new InputError(
          `repoUrl: the repository "${repo}" must be named like the stack, "${parsed.stack.metadata.name}"`,
        );
      }
      const entities = generateCatalogEntities(parsed.stack, {
        org: owner,
        repo,
        host,
        lifecycle: input.lifecycle,
      }) as Entity[];
      for (const entity of entities) {
        const ref = stringifyEntityRef(entity);
        try {
          await validateEntity(entity);
        } catch (error) {
          throw new InputError(
            `${ref} would be rejected by the catalog: ${
              (error as Error).message
            }`,
          );
        }
      }
      await fs.writeFile(
        resolveSafeChildPath(ctx.workspacePath, 'catalog-info.yaml'),
        serializeCatalogEntities(entities as any),
        'utf8',
      );
      const refs = entities.map(e => stringifyEntityRef(e));
      const main =
        entities.find(
          e =>
            e.kind === 'Component' &&
            e.metadata.name === parsed.stack.metadata.name,
        ) ??
        entities.find(e => e.kind === 'Component') ??
        entities[0];
      ctx.logger.info(`catalog-info.yaml: ${refs.join(', ')}`);
      ctx.output('entityRef', stringifyEntityRef(main));
      ctx.output('entityRefs', refs);
      ctx.output('catalogInfoPath', '/catalog-info.yaml');
    },
  });
}
