import {
  ANNOTATIONS,
  LooseSourceError,
  LooseStacksResponse,
} from '@idp-stack/plugin-stack-common';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ApplicationStore } from './ApplicationStore';
import {
  findLooseStacks,
  LooseApplication,
  LooseApplicationSet,
  LooseEntity,
  NORMALISED_REPOSITORY,
  RegisteredSystem,
  systemOfTopics,
} from './findLooseStacks';
import { OrgRepository, OrgRepositorySource } from './OrgRepositories';
import { RefreshingValue } from './RefreshingValue';
import { trustedRepository } from './trustedRepository';
import { UpstreamFailure } from './UpstreamFailure';

/** Annotations that say an entity is a stack (the golden path writes them). */
const STACK_ANNOTATIONS = [
  ANNOTATIONS.component,
  ANNOTATIONS.stackFile,
  ANNOTATIONS.argocdAppSelector,
];
/** Repositories checked for `deploy/overlays/dev` per refresh (one contents call each). */
const MAX_PATH_CHECKS = 100;

const message = (e: unknown) =>
  e instanceof Error ? e.message : String(e ?? 'unknown error');

/**
 * The organisation's loose stacks, computed once per refresh interval with
 * the plugin's own credentials (Argo CD list from the ApplicationStore,
 * ApplicationSets, GitHub, the registry, the catalog) and filtered per
 * request by the route. A source that fails is named in `errors` and its
 * causes are left out; the rest still answers.
 */
export class LooseStacksService {
  private readonly report: RefreshingValue<LooseStacksResponse>;

  constructor(
    private readonly deps: {
      store: ApplicationStore;
      repositories: OrgRepositorySource;
      /** The system registry (argocd/systems); undefined when not configured. */
      registry?: () => Promise<RegisteredSystem[]>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      organizations: string[];
      instanceUiUrls: Record<string, string>;
      intervalMs: number;
      registerSystemUrl: string;
    },
  ) {
    this.report = new RefreshingValue({
      upstream: 'loose stacks',
      intervalMs: deps.intervalMs,
      logger: deps.logger,
      load: async () => {
        const value = await this.compute();
        return { value, fetchedAt: Date.now() };
      },
    });
  }

  async current(): Promise<LooseStacksResponse> {
    await this.report.current();
    if (!this.report.value) {
      throw (
        this.report.error ??
        new UpstreamFailure('unreachable', 'loose stacks are not computed yet')
      );
    }
    return this.report.value;
  }

  private async compute(): Promise<LooseStacksResponse> {
    const errors: LooseSourceError[] = [];
    const views = await this.deps.store.views();
    const applications: LooseApplication[] = [];
    for (const view of views) {
      if (view.error) {
        errors.push({ source: view.instance, message: view.error.message });
      }
      for (const app of view.snapshot?.apps ?? []) {
        applications.push({
          instance: view.instance,
          name: app.health.name,
          url: app.health.url,
          labels: app.labels,
          errors: app.errors,
        });
      }
    }
    const applicationSets: LooseApplicationSet[] = [];
    await Promise.all(
      views.map(async view => {
        const client = this.deps.store.client(view.instance);
        try {
          for (const set of (await client?.listApplicationSets()) ?? []) {
            applicationSets.push({
              instance: view.instance,
              name: set.metadata.name,
              uiUrl: this.deps.instanceUiUrls[view.instance] ?? '',
              conditions: set.status?.conditions ?? [],
            });
          }
        } catch (e) {
          errors.push({
            source: `${view.instance} ApplicationSets`,
            message: message(e),
          });
        }
      }),
    );

    let repositories: OrgRepository[] | undefined = [];
    try {
      for (const org of this.deps.organizations) {
        repositories.push(
          ...(await this.deps.repositories.listRepositories(org)),
        );
      }
    } catch (e) {
      repositories = undefined;
      errors.push({ source: 'GitHub', message: message(e) });
    }

    let registry: RegisteredSystem[] | undefined;
    if (this.deps.registry) {
      try {
        registry = await this.deps.registry();
      } catch (e) {
        errors.push({ source: 'system registry', message: message(e) });
      }
    }

    const devOverlay = new Map<string, boolean>();
    const withApps = new Set(
      applications.map(a => a.labels['idp.platform/repo']?.toLowerCase()),
    );
    const candidates = (repositories ?? []).filter(
      r =>
        r.topics.includes('idp-managed') &&
        !r.archived &&
        NORMALISED_REPOSITORY.test(r.name) &&
        systemOfTopics(r.topics) &&
        !withApps.has(r.name),
    );
    for (const repo of candidates.slice(0, MAX_PATH_CHECKS)) {
      try {
        devOverlay.set(
          `${repo.owner}/${repo.name}`,
          await this.deps.repositories.hasPath(repo, 'deploy/overlays/dev'),
        );
      } catch (e) {
        errors.push({
          source: `GitHub ${repo.owner}/${repo.name}`,
          message: message(e),
        });
      }
    }

    let entities: LooseEntity[] = [];
    try {
      entities = await this.stackEntities();
    } catch (e) {
      errors.push({ source: 'catalog', message: message(e) });
    }

    return {
      items: findLooseStacks({
        applications,
        applicationSets,
        repositories,
        devOverlay,
        registry,
        entities,
        registerSystemUrl: this.deps.registerSystemUrl,
      }),
      errors,
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * Components and Systems with the repository the platform trusts them to
   * come from; `stack` when they carry stack annotations.
   */
  private async stackEntities(): Promise<LooseEntity[]> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: ['Component', 'System'] },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'spec.system',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    return items.map((e: Entity) => {
      let repository: string | undefined;
      try {
        repository = trustedRepository(
          e,
          this.deps.organizations,
        ).repo.toLowerCase();
      } catch {
        // Not from a trusted repository: no repository of ours to compare.
      }
      const system =
        e.kind === 'System'
          ? e.metadata.name
          : (e.spec?.system as string | undefined);
      return {
        ref: stringifyEntityRef(e),
        repository,
        system,
        stack: STACK_ANNOTATIONS.some(
          a => e.metadata.annotations?.[a] !== undefined,
        ),
      };
    });
  }
}
