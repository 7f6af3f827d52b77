import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import { DefaultGithubCredentialsProvider } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DNS_LABEL,
  IDP_TOPIC,
  MAX_SYSTEM_NAME,
  parseStackYaml,
  STACK_FILE,
  SYSTEM_TOPIC_PREFIX,
} from '@idp-stack/plugin-stack-common';
import { checkRepositoryOwner } from '../catalog/checkRepositoryOwner';
import { DEFAULT_BRANCH } from '../conventions';
import { checkAllowedOwner } from '../github/allowedOwners';
import { applyTopics } from '../github/applyTopics';
import {
  checkCiBotOrg,
  CI_BOT_KEY,
  CI_BOT_SECRET,
  CI_BOT_VARIABLE,
  CiBot,
  CiBotOrg,
  isSelected,
  Selection,
  selectionsNeeded,
  selectRepository,
  unselectRepository,
} from '../github/ciBot';
import {
  createOctokit,
  githubClientOptions,
  IdpOctokit,
} from '../github/createOctokit';
import {
  ensureRepository,
  getRepository,
  RepositoryState,
} from '../github/ensureRepository';
import { githubError } from '../github/githubError';
import { parseOwnerRepo } from '../github/parseOwnerRepo';
import { protectBranch } from '../github/protectBranch';
import { pushWorkspace } from '../github/pushWorkspace';
import {
  readWorkspaceFiles,
  WorkspaceFile,
} from '../github/readWorkspaceFiles';
import { withSuffix } from '../errors/withSuffix';
import { examples } from './githubPublish.examples';
import { GithubActionOptions } from '../github/githubActionOptions';
import { repoUrlInput } from '../github/repoUrlInput';

const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;

async function readTopics(
  octokit: IdpOctokit,
  owner: string,
  repo: string,
): Promise<string[]> {
  try {
    return (await octokit.rest.repos.getAllTopics({ owner, repo })).data.names;
  } catch (error) {
    throw githubError(error, `read the topics of ${owner}/${repo}`);
  }
}

/**
 * Puts back the topics an adopted repository had before a failed run, and
 * returns the run's error saying so (a commit already pushed to main stays:
 * main is protected against the force push that would undo it).
 */
async function restoreTopics(
  octokit: IdpOctokit,
  where: { owner: string; repo: string },
  names: string[],
  failure: { error: unknown; logger: { warn(m: string): void } },
): Promise<Error> {
  const slug = `${where.owner}/${where.repo}`;
  const list = names.length ? names.join(', ') : 'none';
  try {
    await octokit.rest.repos.replaceAllTopics({ ...where, names });
  } catch (cleanupError) {
    return withSuffix(
      failure.error,
      `; the topics of ${slug} could NOT be restored to ${list} (${
        githubError(cleanupError, `restore the topics of ${slug}`).message
      }), restore them by hand`,
    );
  }
  failure.logger.warn(`Restored the topics of ${slug} to ${list}`);
  return withSuffix(
    failure.error,
    `; the topics of ${slug} were restored to ${list}`,
  );
}

/**
 * Takes the repository out of the organisation secret and variable
 * selections this run added (before the repository is deleted or its topics
 * restored), and returns the run's error saying so.
 */
async function unselectAll(
  octokit: IdpOctokit,
  where: { org: string; slug: string; repositoryId: number },
  selected: Selection[],
  failure: { error: unknown; logger: { warn(m: string): void } },
): Promise<unknown> {
  if (!selected.length) return failure.error;
  const names = selected.map(s => `${s.kind} ${s.name}`).join(', ');
  const left: string[] = [];
  for (const s of selected) {
    try {
      await unselectRepository(octokit, where.org, s, where.repositoryId);
    } catch (cleanupError) {
      left.push(
        `${s.kind} ${s.name} (${
          githubError(cleanupError, `remove ${where.slug} from ${s.name}`)
            .message
        })`,
      );
    }
  }
  if (left.length) {
    return withSuffix(
      failure.error,
      `; ${where.slug} could NOT be removed from organisation ${left.join(
        ', ',
      )}, remove it by hand`,
    );
  }
  failure.logger.warn(`Removed ${where.slug} from organisation ${names}`);
  return withSuffix(
    failure.error,
    `; ${where.slug} was removed from organisation ${names} again`,
  );
}

/** Why publish sets up no CI bot, for the log. */
const CI_BOT_SKIPPED = `CI bot set-up skipped: ${CI_BOT_KEY} is not configured, so main's protection lets no App bypass pull requests and the repository is not added to the organisation secret ${CI_BOT_SECRET} or variable ${CI_BOT_VARIABLE}; the workflow's dev pin push needs both (templates/README.md)`;

/** metadata.system of the stack.yaml being pushed, if there is a valid one. */
function systemOfStack(files: WorkspaceFile[]): string | undefined {
  const file = files.find(f => f.path === STACK_FILE);
  if (!file) return undefined;
  const parsed = parseStackYaml(file.content.toString('utf8'));
  return parsed.ok ? parsed.stack.metadata.system : undefined;
}

/**
 * `idp:github:publish`: creates (or adopts, when it is ours and the catalog
 * says the person running the template owns it) the GitHub repository in an
 * allowed organisation, tags it with `idp-managed` and verifies the tag,
 * pushes the workspace and protects `main` on top of its existing protection.
 * Every side effect is its own checkpoint.
 */
export function createGithubPublishAction(
  options: GithubActionOptions & {
    /** `idp.github.ciBot`: the GitHub App CI pushes dev pins as; none: no set-up. */
    ciBot?: CiBot;
  },
) {
  const { integrations, pacing, catalog, allowedOwners, ciBot } = options;
  const credentials =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);

  return createTemplateAction({
    id: 'idp:github:publish',
    description:
      'Creates a GitHub repository tagged idp-managed (verified), pushes the workspace to main and protects it; deletes the repository again if a later step fails',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z => repoUrlInput(z, 'the repository to create'),
        description: z =>
          z.string().optional().describe('Repository description'),
        repoVisibility: z =>
          z
            .enum(['private', 'internal', 'public'])
            .optional()
            .describe('Visibility of a new repository (default private)'),
        topics: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              `Topics besides ${IDP_TOPIC} and ${SYSTEM_TOPIC_PREFIX}<system>, which are always set`,
            ),
        system: z =>
          z
            .string()
            .optional()
            .describe(
              `System for the ${SYSTEM_TOPIC_PREFIX}<system> topic (default: metadata.system of the pushed stack.yaml)`,
            ),
        sourcePath: z =>
          z
            .string()
            .optional()
            .describe(
              'Workspace sub-directory to push (default: the whole workspace)',
            ),
        gitCommitMessage: z =>
          z.string().optional().describe('Message of the pushed commit'),
        protectDefaultBranch: z =>
          z
            .boolean()
            .optional()
            .describe('Require reviewed pull requests on main (default true)'),
        requiredApprovingReviewCount: z =>
          z
            .number()
            .int()
            .min(0)
            .max(6)
            .optional()
            .describe('Approvals a pull request into main needs (default 1)'),
      },
      output: {
        remoteUrl: z => z.string().describe('Web URL of the repository'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              'URL of the main branch contents, for idp:catalog:register',
            ),
        commitHash: z =>
          z.string().describe('The commit now at the head of main'),
        created: z =>
          z
            .boolean()
            .describe('False when an existing IDP repository was adopted'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const { host, owner, repo } = parseOwnerRepo(input.repoUrl, integrations);
      const integration = integrations.github.byHost(host);
      if (!integration) {
        throw new InputError(
          `repoUrl: no GitHub integration is configured for host ${host} (integrations.github)`,
        );
      }
      checkAllowedOwner(owner, allowedOwners);
      // The repository name is the stack name: a Kubernetes DNS label.
      if (!DNS_LABEL.test(repo) || repo.length > 63) {
        throw new InputError(
          `repoUrl: repository name "${repo}" must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters`,
        );
      }
      const extraTopics = input.topics ?? [];
      const badTopic = extraTopics.find(t => !TOPIC.test(t));
      if (badTopic !== undefined) {
        throw new InputError(
          `topics: "${badTopic}" is not a GitHub topic (lower-case letters, digits and '-', at most 50 characters, starting with a letter or digit)`,
        );
      }
      if (new Set([IDP_TOPIC, ...extraTopics]).size > 19) {
        throw new InputError(
          'topics: GitHub allows at most 20 topics, two of which are ours',
        );
      }
      const slug = `${owner}/${repo}`;
      const sourceDir = resolveSafeChildPath(
        ctx.workspacePath,
        input.sourcePath ?? '.',
      );
      const files = await readWorkspaceFiles(sourceDir);
      const system = input.system ?? systemOfStack(files);
      if (!system) {
        throw new InputError(
          `system: no system given and no valid stack.yaml to read it from; the topic ${SYSTEM_TOPIC_PREFIX}<system> tells Argo CD where to deploy`,
        );
      }
      if (!DNS_LABEL.test(system) || system.length > MAX_SYSTEM_NAME) {
        throw new InputError(
          `system: "${system}" must be a DNS label of at most ${MAX_SYSTEM_NAME} characters to fit the topic ${SYSTEM_TOPIC_PREFIX}<system>`,
        );
      }
      if (!files.length) {
        throw new InputError(
          `sourcePath: "${input.sourcePath ?? '.'}" holds no files to push`,
        );
      }
      const webUrl = `https://${host}/${slug}`;

      if (ctx.isDryRun) {
        logger.info(
          `Dry run: would create or adopt ${slug} (${
            input.repoVisibility ?? 'private'
          }), set topics ${[IDP_TOPIC, ...extraTopics].join(', ')}, push ${
            files.length
          } files to ${DEFAULT_BRANCH}${
            input.protectDefaultBranch === false ? '' : ' and protect it'
          }`,
        );
        logger.info(
          ciBot
            ? `Dry run: would check that GitHub App ${
                ciBot.appSlug
              } is installed on all repositories of ${owner} and that organisation secret ${CI_BOT_SECRET} and variable ${CI_BOT_VARIABLE} exist, add ${slug} to each whose visibility is "selected"${
                input.protectDefaultBranch === false
                  ? ''
                  : `, and let ${ciBot.appSlug} bypass pull requests on ${DEFAULT_BRANCH}`
              }`
            : CI_BOT_SKIPPED,
        );
        ctx.output('remoteUrl', webUrl);
        ctx.output('repoContentsUrl', `${webUrl}/blob/${DEFAULT_BRANCH}`);
        ctx.output('commitHash', 'dry-run');
        ctx.output('created', false);
        return;
      }

      const clientOptions = await githubClientOptions({
        credentials,
        integration,
        host,
        slug,
        pacing,
        logger,
      });
      const octokit = createOctokit(clientOptions);

      // Read-only, before the repository exists: an organisation without the
      // bot's App, secret or variable stops the run with nothing to undo.
      let botOrg: CiBotOrg | undefined;
      if (ciBot) {
        botOrg = await checkCiBotOrg(octokit, owner, ciBot);
        logger.info(
          `CI bot: GitHub App ${ciBot.appSlug} is installed on all repositories of ${owner}; organisation secret ${CI_BOT_SECRET} visibility ${botOrg.secret}, variable ${CI_BOT_VARIABLE} visibility ${botOrg.variable}`,
        );
      } else {
        logger.info(CI_BOT_SKIPPED);
      }

      // The repository's id is part of every later key: if a failed attempt
      // deleted the repository it created, a retry creates a new one and
      // redoes every step for it instead of trusting stale checkpoints.
      const base = `idp:github:publish:v1:${slug}`;
      const ensure = () =>
        ensureRepository(octokit, {
          owner,
          repo,
          description: input.description,
          visibility: input.repoVisibility ?? 'private',
          mayAdopt: async () =>
            checkRepositoryOwner({
              catalog,
              credentials: await ctx.getInitiatorCredentials(),
              user: ctx.user,
              host,
              owner,
              repo,
            }),
        });
      let ran = false;
      let state: RepositoryState = await ctx.checkpoint({
        key: `${base}:repository`,
        fn: async () => {
          ran = true;
          return await ensure();
        },
      });
      if (!ran) {
        const current = await getRepository(octokit, owner, repo);
        if (current && current.id !== state.id) {
          throw new ConflictError(
            `repoUrl: ${slug} is no longer the repository an earlier attempt of this task ${
              state.created ? 'created' : 'adopted'
            } (id ${state.id}, now ${current.id}); nothing was changed`,
          );
        }
        if (!current) {
          logger.info(
            `${slug} was removed after an earlier attempt; creating it again`,
          );
          state = await ctx.checkpoint({
            key: `${base}:repository:replaces:${state.id}`,
            fn: ensure,
          });
        }
      }
      logger.info(
        `${state.created ? 'Created' : 'Adopted'} ${slug} (id ${state.id})`,
      );

      const key = (step: string) => `${base}:${state.id}:${step}`;
      // For a repository this run created, a 404 is GitHub's eventual
      // consistency: this client retries it in its one retry layer.
      const writer = state.created
        ? createOctokit({ ...clientOptions, justCreated: true })
        : octokit;
      // An adopted repository gets its topics back if the run fails; what it
      // had before our first write is remembered across retries.
      const topicsBefore = state.created
        ? []
        : await ctx.checkpoint({
            key: key('topics-before'),
            fn: () => readTopics(octokit, owner, repo),
          });
      // Selections this attempt added; undone if a later step fails.
      const selected: Selection[] = [];
      try {
        const selections = botOrg
          ? selectionsNeeded(botOrg, {
              slug,
              visibility: state.created
                ? input.repoVisibility ?? 'private'
                : (await getRepository(octokit, owner, repo))?.visibility ??
                  'private',
            })
          : [];
        const setTopics = () =>
          applyTopics(writer, {
            owner,
            repo,
            topics: extraTopics,
            system,
            keepExisting: !state.created,
            retries: pacing.retries,
            retryBaseDelayMs: pacing.retryBaseDelayMs,
          });
        // Not memoised for an adopted repository: a failed attempt restores
        // the old topics, so a retry must write ours again (the step is an
        // idempotent replace and read-back).
        const topics = state.created
          ? await ctx.checkpoint({ key: key('topics'), fn: setTopics })
          : await setTopics();
        logger.info(`Topics of ${slug} verified: ${topics.join(', ')}`);

        // Before the push: the pushed workflow's first run reads them. Not
        // memoised (an idempotent PUT): a failed attempt undoes them, so a
        // retry must add them again; whether an adopted repository was
        // already selected is remembered from before the first write.
        for (const s of selections) {
          const before = state.created
            ? false
            : await ctx.checkpoint({
                key: key(`ci-bot-selected-before:${s.kind}`),
                fn: () => isSelected(octokit, owner, s, state.id),
              });
          if (before) {
            logger.info(
              `${slug} is already selected for organisation ${s.kind} ${s.name}`,
            );
            continue;
          }
          await selectRepository(writer, owner, s, state.id);
          selected.push(s);
          logger.info(
            `Added ${slug} (id ${state.id}) to organisation ${s.kind} ${s.name}`,
          );
        }

        const commitHash = await ctx.checkpoint({
          key: key('push'),
          fn: () =>
            pushWorkspace(writer, {
              owner,
              repo,
              files,
              message:
                input.gitCommitMessage ??
                'Initial commit from the IDP golden path',
              keepExisting: !state.created,
              justCreated: state.created,
            }),
        });
        logger.info(`Pushed ${files.length} files to ${slug}@${commitHash}`);

        if (state.defaultBranch !== DEFAULT_BRANCH) {
          await ctx.checkpoint({
            key: key('default-branch'),
            fn: async () => {
              try {
                await writer.rest.repos.update({
                  owner,
                  repo,
                  default_branch: DEFAULT_BRANCH,
                });
              } catch (error) {
                throw githubError(
                  error,
                  `make ${DEFAULT_BRANCH} the default branch of ${slug}`,
                );
              }
            },
          });
        }
        if (input.protectDefaultBranch !== false) {
          await ctx.checkpoint({
            key: key('protection'),
            fn: () =>
              protectBranch(writer, {
                owner,
                repo,
                requiredApprovingReviewCount:
                  input.requiredApprovingReviewCount ?? 1,
                readCurrent: !state.created,
                botApps: botOrg ? [botOrg.bot.appSlug] : [],
              }),
          });
          if (botOrg) {
            logger.info(
              `GitHub App ${botOrg.bot.appSlug} may push to ${DEFAULT_BRANCH} of ${slug} without a pull request`,
            );
          }
        }

        ctx.output('remoteUrl', state.htmlUrl);
        ctx.output(
          'repoContentsUrl',
          `${state.htmlUrl}/blob/${DEFAULT_BRANCH}`,
        );
        ctx.output('commitHash', commitHash);
        ctx.output('created', state.created);
      } catch (runError) {
        const error = await unselectAll(
          octokit,
          { org: owner, slug, repositoryId: state.id },
          selected,
          { error: runError, logger },
        );
        if (!state.created) {
          throw await restoreTopics(octokit, { owner, repo }, topicsBefore, {
            error,
            logger,
          });
        }
        // Nothing half-made stays behind (backstage #23104).
        try {
          await octokit.rest.repos.delete({ owner, repo });
        } catch (cleanupError) {
          logger.error(`Could not delete ${slug}: ${cleanupError}`);
          throw withSuffix(
            error,
            `; ${slug} was created by this run and could NOT be deleted (${
              githubError(cleanupError, `delete ${slug}`).message
            }), delete it by hand`,
          );
        }
        logger.warn(`Deleted ${slug}, which this run created, after: ${error}`);
        throw withSuffix(
          error,
          `; ${slug}, created by this run, was deleted again`,
        );
      }
    },
  });
}
