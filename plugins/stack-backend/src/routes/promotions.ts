import {
  commitTag,
  imagePinsPath,
  nextDeploymentWindow,
  pinnedImages,
  readImagePins,
  renderedManifests,
  renderedManifestsPath,
  rendersManifests,
  setImagePin,
  stackPromoteApprovedPermission,
  stackPromotePermission,
} from '@idp-stack/plugin-stack-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import Router from 'express-promise-router';
import { RepoRef } from '../service/PromotionGithub';
import { readableEntity } from '../service/readableEntity';
import { trustedRepository } from '../service/trustedRepository';
import { UpstreamFailure } from '../service/UpstreamFailure';
import { RouteDeps } from './types';

/** Where a build goes next: dev → stage → prod. */
const PREVIOUS: Record<string, string> = { stage: 'dev', prod: 'stage' };
const BRANCH_PREFIX = 'promote/';

/**
 * `POST /promotions` promotes one successful build of an entity's repository
 * to the next environment by pull request: one commit that changes only
 * `deploy/overlays/<env>/images/kustomization.yaml` to the build's image
 * (`sha-<commit>`, the tag the golden-path CI pushes); for a stack with
 * `deploy.render: manifests` a second commit on the same branch re-renders
 * `deploy/rendered/<env>/manifests.yaml` from those pins (stack-common's
 * renderedManifests), so the pull request still touches one environment. Prod needs the build to
 * run in stage first, asks the system registry's
 * `environments.prod.approvers` for review and reports the next deployment
 * window. `GET /promotions?entityRef=` lists the open promotion pull requests
 * per environment. Permissions: `stack.promote`, `stack.promote.approved` for
 * approval environments (`stack.actions.approvalEnvironments`).
 */
export function promotionRoutes(deps: RouteDeps) {
  const { httpAuth, catalog, permissions, config, logger } = deps;
  const router = Router();

  const github = () => {
    if (!deps.promotionGithub)
      throw new ServiceUnavailableError('promotions are not configured');
    return deps.promotionGithub;
  };
  const upstream = async <T>(f: () => Promise<T>): Promise<T> => {
    try {
      return await f();
    } catch (e) {
      if (e instanceof UpstreamFailure)
        throw new ServiceUnavailableError(e.message);
      throw e;
    }
  };

  async function entityOf(req: any, entityRef: unknown) {
    if (typeof entityRef !== 'string' || entityRef.length > 512)
      throw new InputError('entityRef must be an entity ref string');
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    let ref;
    try {
      ref = parseEntityRef(entityRef);
    } catch (e) {
      throw new InputError(`entityRef is not an entity ref: ${e}`);
    }
    const entity = await readableEntity(catalog, credentials, ref);
    const { host, org, repo } = trustedRepository(
      entity,
      config.github.organizations,
    );
    const repository: RepoRef = { host, owner: org, repo };
    return { credentials, entity, repository };
  }

  router.get('/promotions', async (req, res) => {
    const { repository } = await entityOf(req, req.query.entityRef);
    const open = await upstream(() => github().openPullRequests(repository));
    const byEnvironment: Record<string, typeof open> = { stage: [], prod: [] };
    for (const pr of open) {
      const env = pr.branch.startsWith(BRANCH_PREFIX)
        ? pr.branch.slice(BRANCH_PREFIX.length).split('/')[0]
        : undefined;
      if (env && byEnvironment[env]) byEnvironment[env].push(pr);
    }
    res.json({ environments: byEnvironment });
  });

  router.post('/promotions', async (req, res) => {
    const { entityRef, runId, environment } = (req.body ?? {}) as Record<
      string,
      unknown
    >;
    if (typeof environment !== 'string' || !PREVIOUS[environment])
      throw new InputError('environment must be stage or prod');
    if (!Number.isSafeInteger(runId) || (runId as number) < 1)
      throw new InputError('runId must be a positive integer');
    const { credentials, entity, repository } = await entityOf(req, entityRef);
    const resourceRef = stringifyEntityRef(entity);
    const permission = config.approvalEnvironments.includes(environment)
      ? stackPromoteApprovedPermission
      : stackPromotePermission;
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `permission ${permission.name} on ${resourceRef} denied`,
      );

    const gh = github();
    const run = await upstream(() => gh.run(repository, runId as number));
    if (run.status !== 'completed' || run.conclusion !== 'success')
      throw new ConflictError(
        `build #${run.run_number} (${run.head_sha.slice(0, 7)}) is ${
          run.conclusion ?? run.status
        }: only a successful build can be promoted`,
      );
    const { stack } = await deps.stackFiles.forEntity(entity);
    const images = pinnedImages(stack);
    if (images.length === 0)
      throw new InputError(
        `${stack.metadata.name} builds no image of its own: nothing to promote`,
      );
    const base = await upstream(() => gh.branchHead(repository, 'main'));
    const from = PREVIOUS[environment];
    const tag = commitTag(run.head_sha);
    const source = await upstream(() =>
      gh.file(repository, imagePinsPath(from), base),
    );
    const runsInSource =
      source &&
      readImagePins(stack, from, source.text).pins.some(p => p.newTag === tag);
    if (!runsInSource)
      throw new ConflictError(
        `build #${run.run_number} (${run.head_sha.slice(
          0,
          7,
        )}) is not what ${from} runs: promote it to ${from} first`,
      );
    const path = imagePinsPath(environment);
    const target = await upstream(() => gh.file(repository, path, base));
    if (!target)
      throw new ConflictError(
        `${path} does not exist on main: run \`stack generate\` first`,
      );
    let text = target.text;
    for (const i of images) text = setImagePin(text, i.name, { newTag: tag });
    if (text === target.text)
      throw new ConflictError(
        `${environment} already runs build #${run.run_number}`,
      );
    // A stack with rendered manifests (deploy.render: manifests): Argo CD reads
    // deploy/rendered/<env>, so the same pull request re-renders that one file.
    const renderedPath = renderedManifestsPath(environment);
    const rendered = rendersManifests(stack)
      ? await upstream(() => gh.file(repository, renderedPath, base))
      : undefined;
    if (rendersManifests(stack) && !rendered)
      throw new ConflictError(
        `${renderedPath} does not exist on main: run \`stack generate\` first`,
      );

    const system = stack.metadata.system;
    const policy =
      environment === 'prod'
        ? (await deps.systemRegistry?.system(system))?.spec.environments?.prod
        : undefined;
    if (environment === 'prod' && !policy?.approvers?.length)
      throw new ConflictError(
        `system ${system} names no prod approvers in the system registry (environments.prod.approvers): a prod promotion needs reviewers`,
      );
    // Approvers are SSO groups `<org>:<team>` (GitHub teams in Argo CD RBAC): review is asked of that team.
    const teams = (policy?.approvers ?? [])
      .map(a => /^([^:]+):(.+)$/.exec(a))
      .filter(m => m && m[1] === repository.owner)
      .map(m => m![2]);
    const window = nextDeploymentWindow(policy, new Date());

    const short = run.head_sha.slice(0, 7);
    const branch = `${BRANCH_PREFIX}${environment}/${short}-${run.id}`;
    const title = `Promote build #${run.run_number} (${short}) from ${from} to ${environment}`;
    const body = [
      `Promotes build [#${run.run_number}](https://${repository.host}/${repository.owner}/${repository.repo}/actions/runs/${run.id}) of commit ${run.head_sha} from **${from}** to **${environment}**.`,
      '',
      `Changes only \`${path}\`${
        rendered ? ` and its render \`${renderedPath}\`` : ''
      }: ${images.map(i => `\`${i.name}\` → \`${tag}\``).join(', ')}.`,
      ...(environment === 'prod'
        ? [
            '',
            `Required reviewers (system ${system}, environments.prod.approvers): ${policy!.approvers!.join(
              ', ',
            )}.`,
            window
              ? `Next deployment window: ${window.start} – ${window.end}${
                  window.open ? ' (open now)' : ''
                }.`
              : 'No deployment window: Argo CD syncs as soon as this merges.',
          ]
        : []),
    ].join('\n');
    const pr = await upstream(async () => {
      await gh.createBranch(repository, branch, base);
      await gh.putFile(repository, {
        path,
        branch,
        message: title,
        text,
        sha: target.sha,
      });
      if (rendered)
        await gh.putFile(repository, {
          path: renderedPath,
          branch,
          message: title,
          text: renderedManifests(stack, environment as 'stage' | 'prod', text),
          sha: rendered.sha,
        });
      const created = await gh.createPullRequest(repository, {
        title,
        body,
        head: branch,
        base: 'main',
      });
      if (teams.length > 0)
        await gh.requestReviewers(repository, created.number, { teams });
      return created;
    });
    logger.info(
      `stack: promotion of ${repository.owner}/${repository.repo} build ${run.id} to ${environment} opened ${pr.url}`,
    );
    res.status(201).json({
      pullRequest: pr,
      title,
      environment,
      reviewers: teams,
      ...(window ? { deploymentWindow: window } : {}),
    });
  });

  return router;
}
