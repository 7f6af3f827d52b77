import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';

/** Config key of the CI bot (a GitHub App) publish sets up per repository. */
export const CI_BOT_KEY = 'idp.github.ciBot';
/**
 * The organisation secret and variable the golden-path workflows read
 * (`templates/*\/skeleton/.github/workflows/ci.yaml`:
 * `actions/create-github-app-token` with `vars.IDP_BOT_APP_ID` and
 * `secrets.IDP_BOT_PRIVATE_KEY`).
 */
export const CI_BOT_SECRET = 'IDP_BOT_PRIVATE_KEY';
export const CI_BOT_VARIABLE = 'IDP_BOT_APP_ID';

/** `idp.github.ciBot`. */
export type CiBot = { appSlug: string; appId?: number };

// A GitHub App's slug: its name lower-cased, non-alphanumerics as '-'.
const APP_SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The configured CI bot, or undefined: publish then sets up no bot. */
export function readCiBot(config: Config): CiBot | undefined {
  const bot = config.getOptionalConfig(CI_BOT_KEY);
  if (!bot) return undefined;
  const appSlug = bot.getString('appSlug');
  if (!APP_SLUG.test(appSlug)) {
    throw new InputError(
      `${CI_BOT_KEY}.appSlug: "${appSlug}" is not a GitHub App slug (lower-case letters, digits and '-', as in https://github.com/apps/<slug>)`,
    );
  }
  const appId = bot.getOptionalNumber('appId');
  if (appId !== undefined && (!Number.isInteger(appId) || appId < 1)) {
    throw new InputError(
      `${CI_BOT_KEY}.appId: ${appId} is not a GitHub App id (a positive integer)`,
    );
  }
  return { appSlug, appId };
}

/** `all`, `private` or `selected`, as GitHub answers for an organisation secret or variable. */
type Visibility = string;

/** What the organisation offers the bot, read before anything is written. */
export type CiBotOrg = {
  bot: CiBot;
  org: string;
  secret: Visibility;
  variable: Visibility;
};

const ADMIN_STEPS =
  'an organisation owner sets this up once (templates/README.md, "CI image flow and the bot identity")';

/**
 * Read-only checks of the organisation, made before the repository is
 * created so that a missing piece stops the run with nothing to undo:
 *
 * - The App is installed in the organisation on **all** repositories.
 *   `GET /repos/{o}/{r}/installation` would answer per repository, but only
 *   to the App's own JWT ("You must use a JWT to access this endpoint",
 *   https://docs.github.com/en/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app),
 *   which the portal does not hold. `GET /orgs/{org}/installations`
 *   (https://docs.github.com/en/rest/orgs/orgs#list-app-installations-for-an-organization)
 *   answers an organisation owner's credentials with each installation's
 *   `app_slug` and `repository_selection`. A `selected` installation cannot
 *   hold a repository this run is about to create, and GitHub offers no
 *   organisation-token call to add one (`PUT /user/installations/...` takes
 *   a classic user token only), so it is refused too: the bot could not
 *   push, and every build's dev pin would fail later instead.
 * - The organisation secret `IDP_BOT_PRIVATE_KEY` and variable
 *   `IDP_BOT_APP_ID` exist (`GET /orgs/{org}/actions/secrets/{name}`,
 *   https://docs.github.com/en/rest/actions/secrets#get-an-organization-secret;
 *   `GET /orgs/{org}/actions/variables/{name}`,
 *   https://docs.github.com/en/rest/actions/variables#get-an-organization-variable)
 *   and, when `appId` is configured, the variable holds it.
 *
 * Each refusal is an error naming the App or secret, the organisation and
 * what an owner must do: the platform configured a bot, so a repository
 * whose CI cannot use it is a broken golden path, better refused now.
 */
export async function checkCiBotOrg(
  octokit: IdpOctokit,
  org: string,
  bot: CiBot,
): Promise<CiBotOrg> {
  const app = bot.appSlug;
  let ownerType: string | undefined;
  try {
    ownerType = (await octokit.rest.users.getByUsername({ username: org })).data
      .type;
  } catch (error) {
    throw githubError(error, `read the GitHub owner ${org}`);
  }
  if (ownerType !== 'Organization') {
    throw new InputError(
      `repoUrl: ${org} is a user account; the CI bot (${CI_BOT_KEY}) needs an organisation, whose secret ${CI_BOT_SECRET} and variable ${CI_BOT_VARIABLE} the workflows read`,
    );
  }

  let installations;
  try {
    installations = await octokit.paginate(
      octokit.rest.orgs.listAppInstallations,
      { org, per_page: 100 },
    );
  } catch (error) {
    throw githubError(
      error,
      `list the GitHub App installations of ${org} to find the CI bot ${app} (the integrations.github credentials need organisation administration read)`,
    );
  }
  const installation = installations.find(
    i =>
      i.app_slug === app && (bot.appId === undefined || i.app_id === bot.appId),
  );
  if (!installation) {
    throw new NotFoundError(
      `GitHub App ${app}${
        bot.appId ? ` (id ${bot.appId})` : ''
      }, the CI bot of ${CI_BOT_KEY}, is not installed in organisation ${org}: its builds could not pin their images; install it on all repositories of ${org} (https://github.com/apps/${app}/installations/new), ${ADMIN_STEPS}`,
    );
  }
  if (installation.repository_selection !== 'all') {
    throw new InputError(
      `GitHub App ${app}, the CI bot of ${CI_BOT_KEY}, is installed in ${org} on selected repositories only, so it cannot push to a new repository and publish cannot add one to it; set its repository access to "All repositories" (https://github.com/organizations/${org}/settings/installations/${installation.id})`,
    );
  }

  const secret = await readVisibility(octokit, 'secret', org, CI_BOT_SECRET);
  const variable = await readVisibility(
    octokit,
    'variable',
    org,
    CI_BOT_VARIABLE,
  );
  if (bot.appId !== undefined && variable.value !== String(bot.appId)) {
    throw new InputError(
      `organisation variable ${CI_BOT_VARIABLE} of ${org} is "${variable.value}", not the id ${bot.appId} of GitHub App ${app} (${CI_BOT_KEY}.appId): CI would mint tokens for another App; an organisation owner corrects one of them`,
    );
  }
  return {
    bot,
    org,
    secret: secret.visibility,
    variable: variable.visibility,
  };
}

async function readVisibility(
  octokit: IdpOctokit,
  kind: 'secret' | 'variable',
  org: string,
  name: string,
): Promise<{ visibility: Visibility; value?: string }> {
  try {
    if (kind === 'secret') {
      const { data } = await octokit.rest.actions.getOrgSecret({
        org,
        secret_name: name,
      });
      return { visibility: data.visibility };
    }
    const { data } = await octokit.rest.actions.getOrgVariable({ org, name });
    return { visibility: data.visibility, value: data.value };
  } catch (error) {
    if (githubStatus(error) === 404) {
      throw new NotFoundError(
        `organisation ${kind} ${name} does not exist in ${org} (or the integrations.github credentials may not read it): the CI bot's workflows need it; ${ADMIN_STEPS}, with visibility "selected repositories"`,
      );
    }
    throw githubError(error, `read the organisation ${kind} ${name} of ${org}`);
  }
}

/** A selection publish makes: the repository added to an org secret or variable. */
export type Selection = { kind: 'secret' | 'variable'; name: string };

/**
 * The selections a repository needs, from the visibilities read by
 * `checkCiBotOrg` (https://docs.github.com/en/rest/actions/secrets#create-or-update-an-organization-secret:
 * `all` reaches every repository, `private` the private and internal ones,
 * `selected` only those listed). A public repository under a `private`
 * secret or variable is refused naming it.
 */
export function selectionsNeeded(
  org: CiBotOrg,
  repo: { slug: string; visibility: string },
): Selection[] {
  const needed: Selection[] = [];
  for (const [kind, name, visibility] of [
    ['secret', CI_BOT_SECRET, org.secret],
    ['variable', CI_BOT_VARIABLE, org.variable],
  ] as const) {
    if (visibility === 'selected') needed.push({ kind, name });
    else if (visibility === 'private' && repo.visibility === 'public') {
      throw new InputError(
        `repoVisibility: ${repo.slug} is public, but organisation ${kind} ${name} of ${org.org} reaches private repositories only, so its CI could not use the bot; make the repository private, or an organisation owner sets the ${kind}'s visibility to "selected repositories"`,
      );
    } else if (visibility !== 'all' && visibility !== 'private') {
      throw new InputError(
        `organisation ${kind} ${name} of ${org.org} has visibility "${visibility}", which publish does not know`,
      );
    }
  }
  return needed;
}

/** Whether the repository is already in the selection (an adopted one may be). */
export async function isSelected(
  octokit: IdpOctokit,
  org: string,
  s: Selection,
  repositoryId: number,
): Promise<boolean> {
  try {
    const repos =
      s.kind === 'secret'
        ? await octokit.paginate(
            octokit.rest.actions.listSelectedReposForOrgSecret,
            { org, secret_name: s.name, per_page: 100 },
          )
        : await octokit.paginate(
            octokit.rest.actions.listSelectedReposForOrgVariable,
            { org, name: s.name, per_page: 100 },
          );
    return repos.some(r => r.id === repositoryId);
  } catch (error) {
    throw githubError(
      error,
      `list the repositories of organisation ${s.kind} ${s.name} of ${org}`,
    );
  }
}

/** The add or remove call of one selection (both answer 204, 409 unless `selected`). */
async function changeSelection(
  octokit: IdpOctokit,
  org: string,
  s: Selection,
  repositoryId: number,
  add: boolean,
): Promise<void> {
  const actions = octokit.rest.actions;
  if (s.kind === 'secret') {
    const params = { org, secret_name: s.name, repository_id: repositoryId };
    await (add
      ? actions.addSelectedRepoToOrgSecret(params)
      : actions.removeSelectedRepoFromOrgSecret(params));
  } else {
    const params = { org, name: s.name, repository_id: repositoryId };
    await (add
      ? actions.addSelectedRepoToOrgVariable(params)
      : actions.removeSelectedRepoFromOrgVariable(params));
  }
}

/**
 * Adds the repository to the selection:
 * `PUT /orgs/{org}/actions/secrets/{secret_name}/repositories/{repository_id}`
 * (https://docs.github.com/en/rest/actions/secrets#add-selected-repository-to-an-organization-secret),
 * `PUT /orgs/{org}/actions/variables/{name}/repositories/{repository_id}`
 * (https://docs.github.com/en/rest/actions/variables#add-selected-repository-to-an-organization-variable).
 * Both answer 204 and are idempotent, so a retry may repeat them.
 */
export async function selectRepository(
  octokit: IdpOctokit,
  org: string,
  s: Selection,
  repositoryId: number,
): Promise<void> {
  try {
    await changeSelection(octokit, org, s, repositoryId, true);
  } catch (error) {
    throw githubError(
      error,
      `add repository ${repositoryId} to organisation ${s.kind} ${
        s.name
      } of ${org} (the integrations.github credentials need organisation ${
        s.kind === 'secret' ? 'secrets' : 'variables'
      } write)`,
    );
  }
}

/** Undoes `selectRepository` (the matching DELETE endpoints). */
export function unselectRepository(
  octokit: IdpOctokit,
  org: string,
  s: Selection,
  repositoryId: number,
): Promise<void> {
  return changeSelection(octokit, org, s, repositoryId, false);
}
