import {
  ANNOTATIONS,
  type ApplicationHealth,
  type EntityBuilds,
} from '@idp-stack/plugin-stack-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import { GithubActionsClient } from './GithubActionsClient';
import { runMatchesComponent, StoredBuildRun } from './toBuildRun';
import { RefreshingValue } from './RefreshingValue';
import { trustedRepository } from './trustedRepository';

/** Where an entity's runs come from. */
interface RunsSource {
  host: string;
  slug: string;
  component?: string;
}

/** The runs of the repository the entity was ingested from (`trustedRepository`), never of the repository its annotations name. */
function sourceOf(
  entity: Entity,
  organizations: readonly string[],
): RunsSource {
  const { host, org, repo } = trustedRepository(entity, organizations);
  const component = entity.metadata.annotations?.[ANNOTATIONS.component];
  // The main service carries the repo's name; other components share a monorepo.
  return {
    host,
    slug: `${org}/${repo}`,
    component: component && component !== repo ? component : undefined,
  };
}

type RunsPage = Awaited<ReturnType<GithubActionsClient['page']>>;

/**
 * Latest workflow runs per entity, fetched at most once per refresh
 * interval per repository and component (concurrent requests share the
 * call), and linked to the revision each environment runs.
 */
export class BuildsService {
  private readonly states = new Map<
    string,
    RefreshingValue<StoredBuildRun[]>
  >();
  /**
   * Pages by URL for one refresh interval: the components of a monorepo
   * filter the same pages of the same repository, so they share the calls.
   */
  private readonly pages = new Map<
    string,
    { fetchedAt: number; page: Promise<RunsPage> }
  >();

  constructor(
    private readonly client: GithubActionsClient,
    private readonly opts: {
      logger: LoggerService;
      refreshIntervalMs: number;
      maxRuns: number;
      maxPages: number;
      organizations: readonly string[];
    },
  ) {}

  async forEntity(
    entity: Entity,
    applications: ApplicationHealth[],
  ): Promise<EntityBuilds> {
    const source = sourceOf(entity, this.opts.organizations);
    const key = `${source.host}/${source.slug}#${source.component ?? ''}`;
    let state = this.states.get(key);
    if (!state) {
      state = new RefreshingValue({
        upstream: `GitHub (${source.host})`,
        intervalMs: this.opts.refreshIntervalMs,
        logger: this.opts.logger,
        load: async () => ({
          value: await this.load(source),
          fetchedAt: Date.now(),
        }),
      });
      this.states.set(key, state);
    }
    await state.current();
    const now = Date.now();
    const deployed = applications.map(a => ({
      environment: a.environment,
      instance: a.instance,
      revision: a.revision,
    }));
    return {
      entityRef: stringifyEntityRef(entity),
      repository: source.slug,
      component: source.component,
      runs: (state.value ?? []).map(run => ({
        ...run,
        deployedIn: [
          ...new Set(
            deployed
              .filter(d => d.revision === run.commit)
              .map(d => d.environment),
          ),
        ],
      })),
      environments: deployed,
      stale:
        state.error && state.fetchedAt
          ? {
              fetchedAt: new Date(state.fetchedAt).toISOString(),
              ageSeconds: Math.round((now - state.fetchedAt) / 1000),
            }
          : undefined,
      error: state.error?.toJSON(),
      generatedAt: new Date(now).toISOString(),
    };
  }

  /**
   * A run GitHub reported by webhook (`workflow_run`): upserted into the
   * runs of every entity of that repository it belongs to (the main service,
   * the monorepo component its workflow file names), newest first, at once
   * and without a GitHub call. Returns how many entities' runs changed.
   */
  applyRun(host: string, slug: string, run: StoredBuildRun): number {
    const prefix = `${host}/${slug}#`.toLowerCase();
    let changed = 0;
    for (const [key, state] of this.states) {
      if (!key.toLowerCase().startsWith(prefix)) continue;
      const component = key.slice(prefix.length);
      if (component && !runMatchesComponent(run, component)) continue;
      state.update(runs =>
        [run, ...runs.filter(r => r.id !== run.id)]
          .sort((a, b) => b.id - a.id)
          .slice(0, this.opts.maxRuns),
      );
      changed++;
    }
    return changed;
  }

  private async load(source: RunsSource): Promise<StoredBuildRun[]> {
    const { maxRuns, maxPages } = this.opts;
    const runs: StoredBuildRun[] = [];
    let url: string | undefined = this.client.runsUrl(
      source.host,
      source.slug,
      maxRuns,
    );
    // A monorepo component's runs may be spread over several pages.
    for (
      let page = 0;
      url && page < maxPages && runs.length < maxRuns;
      page++
    ) {
      const result = await this.sharedPage(source, url);
      runs.push(
        ...result.runs.filter(
          r => !source.component || runMatchesComponent(r, source.component),
        ),
      );
      url = result.next;
    }
    return runs.slice(0, maxRuns);
  }

  private sharedPage(source: RunsSource, url: string): Promise<RunsPage> {
    const now = Date.now();
    for (const [u, p] of this.pages) {
      if (now - p.fetchedAt >= this.opts.refreshIntervalMs)
        this.pages.delete(u);
    }
    const known = this.pages.get(url);
    if (known) return known.page;
    const page = this.client.page(source.host, source.slug, url);
    this.pages.set(url, { fetchedAt: now, page });
    // A failed page is not shared: the next refresh asks again.
    page.catch(() => this.pages.delete(url));
    return page;
  }
}
