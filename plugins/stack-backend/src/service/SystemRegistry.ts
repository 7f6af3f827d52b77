import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  checkSystemRegistry,
  parseSystemRegistration,
  type SystemRegistration,
} from '@idp-stack/plugin-stack-common';
import { GithubContents, GithubRepository } from './GithubContents';
import { RefreshingValue } from './RefreshingValue';
import { UpstreamFailure } from './UpstreamFailure';

/** `stack.systemRegistry`: where the platform repository keeps `argocd/systems/*.yaml`. */
export interface SystemRegistryLocation extends GithubRepository {
  path: string;
  ref: string;
}

/** Registry entries the reader accepts at most (GitHub lists up to 1,000 per directory). */
export const MAX_SYSTEMS = 1000;

interface Snapshot {
  systems: SystemRegistration[];
  /** Parsed entries by blob SHA: an unchanged file is not read again. */
  bySha: Map<string, SystemRegistration>;
}

/**
 * The system registry (`argocd/systems/*.yaml` of the platform repository),
 * read through GitHub's contents API with the plugin's credentials, parsed
 * with the same schema the gitops renderers use (stack-common
 * `systems/registry.ts`), refreshed at most once per interval. An invalid
 * registry (an entry breaking the schema, a repository in two systems) is an
 * upstream failure naming the file and rule; the last valid one keeps being
 * served meanwhile.
 */
export class SystemRegistry {
  private readonly state: RefreshingValue<Snapshot>;

  constructor(
    private readonly contents: GithubContents,
    private readonly opts: {
      location: SystemRegistryLocation;
      logger: LoggerService;
      refreshIntervalMs: number;
      maxFileBytes: number;
    },
  ) {
    const { owner, repo, path, ref } = opts.location;
    this.state = new RefreshingValue<Snapshot>({
      upstream: `system registry (${owner}/${repo}/${path}@${ref})`,
      intervalMs: opts.refreshIntervalMs,
      logger: opts.logger,
      load: async () => ({
        value: await this.load(this.state.value),
        fetchedAt: Date.now(),
      }),
    });
  }

  private async load(last?: Snapshot): Promise<Snapshot> {
    const { location, maxFileBytes } = this.opts;
    const where = `${location.owner}/${location.repo}/${location.path}@${location.ref}`;
    const entries = await this.contents.listDirectory(
      location,
      location.path,
      location.ref,
    );
    if (!entries) {
      throw new UpstreamFailure(
        'bad-response',
        `system registry ${where} does not exist: check stack.systemRegistry`,
      );
    }
    const files = entries
      .filter(e => e.type === 'file' && e.name.endsWith('.yaml'))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (files.length > MAX_SYSTEMS) {
      throw new UpstreamFailure(
        'bad-response',
        `system registry ${where} has ${files.length} entries, more than ${MAX_SYSTEMS}`,
      );
    }
    const bySha = new Map<string, SystemRegistration>();
    const systems: SystemRegistration[] = [];
    for (const file of files) {
      let entry = last?.bySha.get(file.sha);
      if (!entry) {
        const text = await this.contents.readFile(
          location,
          file.path,
          location.ref,
          maxFileBytes,
        );
        if (text === undefined) continue; // deleted between list and read
        try {
          entry = parseSystemRegistration(text, file.name);
        } catch (e) {
          throw new UpstreamFailure(
            'bad-response',
            `system registry ${where}: ${(e as Error).message}`,
          );
        }
      }
      bySha.set(file.sha, entry);
      systems.push(entry);
    }
    try {
      checkSystemRegistry(systems);
    } catch (e) {
      throw new UpstreamFailure(
        'bad-response',
        `system registry ${where}: ${(e as Error).message}`,
      );
    }
    return { systems, bySha };
  }

  /** Every registered system, sorted by name. */
  async systems(): Promise<SystemRegistration[]> {
    await this.state.current();
    const snapshot = this.state.value;
    if (!snapshot) {
      this.state.invalidate(); // nothing known: the next request reads again
      throw new ServiceUnavailableError(
        `could not read the system registry: ${
          this.state.error?.message ?? 'no answer'
        }`,
      );
    }
    return snapshot.systems;
  }

  /** One system's entry, or undefined when the registry does not list it. */
  async system(name: string): Promise<SystemRegistration | undefined> {
    return (await this.systems()).find(s => s.metadata.name === name);
  }
}
