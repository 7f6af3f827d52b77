import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  componentSchema,
  generateManifests,
  linkSchema,
  parseStackYaml,
  serializeStack,
  Stack,
  StackComponent,
  StackIssue,
  StackLink,
  validateStack,
} from '@idp-stack/plugin-stack-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { buildStack, EXTRAS } from '../stack/buildStack';
import { checkOwner } from '../stack/checkOwner';
import { applyDesign, DesignStart } from '../stack/applyDesign';
import { issueLine } from '../stack/formField';
import { examples } from './stackGenerate.examples';

function issuesError(
  issues: StackIssue[],
  source: string,
  design?: DesignStart,
): InputError {
  const lines = issues.map(i => issueLine(i, design));
  return new InputError(`The stack ${source} is invalid:\n${lines.join('\n')}`);
}

/**
 * `stack:generate`: builds the stack description from the form (or reads a
 * stack.yaml already in the workspace), validates it, and writes stack.yaml
 * plus the generated deploy/ tree. Only the workspace changes, and the same
 * input always writes the same bytes, so a retry simply writes them again.
 */
export function createStackGenerateAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'stack:generate',
    description:
      'Builds and validates the stack description, writes stack.yaml and the Kustomize tree (deploy/base + dev/stage/prod overlays)',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        stackFile: z =>
          z
            .string()
            .optional()
            .describe(
              'Read this stack.yaml from the workspace instead of building one from the form',
            ),
        name: z =>
          z
            .string()
            .optional()
            .describe('Stack, repository and main service name'),
        system: z =>
          z
            .string()
            .optional()
            .describe('System; namespaces are <system>-<env>'),
        owner: z =>
          z.string().optional().describe('Owning Group or User (entity ref)'),
        description: z => z.string().optional(),
        serviceType: z =>
          z
            .enum(['nodejs', 'fastapi'])
            .optional()
            .describe('Type of the main service'),
        port: z =>
          z.number().int().optional().describe('Port of the main service'),
        extras: z =>
          z
            .array(z.string())
            .optional()
            .describe(`Data components to add: ${EXTRAS.join(', ')}`),
        environments: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'Per-environment settings (spec.environments of stack.yaml)',
            ),
        domain: z => z.string().optional().describe('DNS domain of the routes'),
        // The scaffolder checks input against the JSON Schema made from this
        // (where a custom type is unconstrained), so the handler validates the
        // design with the whole stack to report each issue with its rule.
        design: z =>
          z
            .object({
              components: z.array(
                z.custom<StackComponent>(
                  v => componentSchema.safeParse(v).success,
                ),
              ),
              links: z
                .array(
                  z.custom<StackLink>(v => linkSchema.safeParse(v).success),
                )
                .optional(),
            })
            .optional()
            .describe(
              'Components and links to add to the stack (the StackDesigner form field); they may link to the generated components',
            ),
        checkOwner: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Require the owner to exist in the catalog (default true)',
            ),
      },
      output: {
        stackName: z => z.string(),
        system: z => z.string(),
        components: z =>
          z.array(z.string()).describe('Component names in the stack'),
        fileCount: z =>
          z.number().describe('Files written, stack.yaml included'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      let raw: unknown;
      let source: string;
      if (input.stackFile) {
        source = input.stackFile;
        const file = resolveSafeChildPath(ctx.workspacePath, input.stackFile);
        const text = await fs.readFile(file, 'utf8').catch(() => {
          throw new InputError(
            `stackFile: ${input.stackFile} is not in the workspace`,
          );
        });
        const parsed = parseStackYaml(text);
        if (!parsed.ok) throw issuesError(parsed.issues, source);
        raw = parsed.stack;
        // The form's values win over the file's (the file is the skeleton's).
        const meta = (raw as Stack).metadata;
        if (input.name) meta.name = input.name;
        if (input.system) meta.system = input.system;
        if (input.owner) meta.owner = input.owner;
        if (input.description) meta.description = input.description;
        if (input.environments) {
          const spec = (raw as Stack).spec as Record<string, unknown>;
          spec.environments = {
            ...(spec.environments as object | undefined),
            ...input.environments,
          };
        }
      } else {
        source = 'built from the form';
        const missing = (
          ['name', 'system', 'owner', 'serviceType'] as const
        ).filter(k => !input[k]);
        if (missing.length) {
          throw new InputError(
            `${missing.join(
              ', ',
            )}: required unless stackFile names a stack.yaml in the workspace`,
          );
        }
        const unknownExtra = (input.extras ?? []).find(
          e => !(EXTRAS as readonly string[]).includes(e),
        );
        if (unknownExtra !== undefined) {
          throw new InputError(
            `extras: "${unknownExtra}" is not one of ${EXTRAS.join(', ')}`,
          );
        }
        raw = buildStack({
          name: input.name!,
          system: input.system!,
          owner: input.owner!,
          description: input.description,
          serviceType: input.serviceType!,
          port: input.port,
          extras: input.extras,
          environments: input.environments,
          domain: input.domain,
        });
      }

      let designStart: DesignStart | undefined;
      if (input.design) {
        const applied = applyDesign(raw, input.design);
        raw = applied.stack;
        designStart = applied.start;
      }

      const result = validateStack(raw);
      if (!result.ok) throw issuesError(result.issues, source, designStart);
      // Reserved names and the system topic's length are validation rules too.
      const stack = result.stack;
      if (input.checkOwner !== false) {
        await checkOwner(
          options.catalog,
          stack.metadata.owner,
          await ctx.getInitiatorCredentials(),
        );
      }

      const files = [
        { path: 'stack.yaml', content: serializeStack(stack) },
        ...generateManifests(stack),
      ];
      for (const file of files) {
        const target = resolveSafeChildPath(ctx.workspacePath, file.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.content, 'utf8');
      }
      ctx.logger.info(
        `Stack ${stack.metadata.name}: ${stack.spec.components.length} components, ${files.length} files written`,
      );
      ctx.output('stackName', stack.metadata.name);
      ctx.output('system', stack.metadata.system);
      ctx.output(
        'components',
        stack.spec.components.map(c => c.name),
      );
      ctx.output('fileCount', files.length);
    },
  });
}
