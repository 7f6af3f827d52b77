import {
  parseStackYaml,
  type EntityStack,
  type Stack,
  type StackIssue,
} from '@idp-stack/plugin-stack-common';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  isError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { HeadCommit } from './GithubHeadCommit';
import { RefreshingValue } from './RefreshingValue';
import { stackFileLocation } from './stackFileLocation';
import {
  StackFileInvalidError,
  StackFileNotFoundError,
} from './stackFileErrors';
import { UpstreamFailure } from './UpstreamFailure';

/** Reads a response body, refusing one larger than `maxBytes` without buffering the rest. */
async function readCapped(
  res: {
    buffer(): Promise<Buffer>;
    stream?(): NodeJS.ReadableStream;
    etag?: string;
  },
  maxBytes: number,
  location: string,
): Promise<{ body: string; etag?: string }> {
  const tooLarge = () =>
    new UpstreamFailure(
      'bad-response',
      `${location} is larger than stack.github.maxFileBytes (${maxBytes} bytes)`,
    );
  if (!res.stream) {
    const buffer = await res.buffer();
    if (buffer.length > maxBytes) throw tooLarge();
    return { body: buffer.toString('utf8'), etag: res.etag };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.stream()) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += b.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(b);
  }
  return { body: Buffer.concat(chunks).toString('utf8'), etag: res.etag };
}

/** What one read of a stack.yaml gave; a missing or invalid file is an answer, not an upstream failure. */
type StackFile =
  | { kind: 'ok'; stack: Stack; etag?: string }
  | { kind: 'missing' }
  | { kind: 'invalid'; issues: StackIssue[]; etag?: string };

/** The stack of a read file, or the error that says why there is none. */
function answer(
  entity: Entity,
  location: string,
  file: StackFile,
): EntityStack {
  const entityRef = stringifyEntityRef(entity);
  if (file.kind === 'missing') {
    throw new StackFileNotFoundError(
      'no-file',
      `no stack.yaml at ${location} (entity ${entityRef})`,
    );
  }
  if (file.kind === 'invalid') {
    const first = file.issues[0]?.message ?? 'unknown issue';
    throw new StackFileInvalidError(
      `stack.yaml at ${location} is invalid: ${first}${
        file.issues.length > 1 ? ` (and ${file.issues.length - 1} more)` : ''
      }`,
      file.issues,
    );
  }
  return { entityRef, location, stack: file.stack };
}

/**
 * The stack.yaml of an entity's repository through Backstage's UrlReader
 * (the plugin's integration credentials), read at most once per refresh
 * interval per file whatever the load, revalidated with its ETag. Every read
 * is bounded in time and size; a read that failed with nothing known is
 * forgotten, so the next request reads again instead of waiting for the
 * interval.
 */
export class StackFileService {
  private readonly files = new Map<string, RefreshingValue<StackFile>>();

  constructor(
    private readonly reader: UrlReaderService,
    private readonly opts: {
      logger: LoggerService;
      refreshIntervalMs: number;
      timeoutMs: number;
      maxBytes: number;
      organizations: readonly string[];
      /** Resolves a branch to its commit, for `forEntityAtHead`. */
      headCommit?: HeadCommit;
    },
  ) {}

  /**
   * The stack.yaml at the commit its branch points at now, with that
   * commit's sha: what an editor loads, so a change proposed later can tell
   * whether the branch moved meanwhile (idp:stack:edit's `baseSha`). Read at
   * the sha itself, so file and sha always belong together; not cached.
   */
  async forEntityAtHead(entity: Entity): Promise<EntityStack> {
    const headCommit = this.opts.headCommit;
    if (!headCommit) {
      throw new ServiceUnavailableError(
        'no GitHub client is configured to resolve the head commit',
      );
    }
    const location = stackFileLocation(entity, this.opts.organizations);
    const m = /^https:\/\/([^/]+)\/([^/]+)\/([^/]+)\/blob\/([^/]+)\/(.+)$/.exec(
      location,
    );
    if (!m) throw new InputError(`cannot pin ${location} to a commit`);
    const [, host, org, repo, ref, path] = m;
    const commitSha = await headCommit({ host, org, repo, ref });
    const pinned = `https://${host}/${org}/${repo}/blob/${commitSha}/${path}`;
    const found = answer(entity, pinned, await this.read(pinned));
    return { ...found, commitSha };
  }

  async forEntity(entity: Entity): Promise<EntityStack> {
    const location = stackFileLocation(entity, this.opts.organizations);
    let state = this.files.get(location);
    if (!state) {
      const self: RefreshingValue<StackFile> = new RefreshingValue({
        upstream: `stack.yaml (${location})`,
        intervalMs: this.opts.refreshIntervalMs,
        logger: this.opts.logger,
        load: async () => ({
          value: await this.read(location, self.value),
          fetchedAt: Date.now(),
        }),
      });
      state = self;
      this.files.set(location, state);
    }
    await state.current();
    const file = state.value;
    if (!file) {
      this.files.delete(location);
      throw new ServiceUnavailableError(
        `could not read ${location}: ${state.error?.message ?? 'no answer'}`,
      );
    }
    return answer(entity, location, file);
  }

  private async read(location: string, last?: StackFile): Promise<StackFile> {
    const etag = last && last.kind !== 'missing' ? last.etag : undefined;
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    // The signal bounds the request; the race also bounds a reader that ignores it.
    const timedOut = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(signal.reason)),
    );
    timedOut.catch(() => undefined);
    try {
      const text = await Promise.race([
        this.reader
          .readUrl(location, { etag, signal })
          .then(res => readCapped(res, this.opts.maxBytes, location)),
        timedOut,
      ]);
      const parsed = parseStackYaml(text.body);
      return parsed.ok
        ? { kind: 'ok', stack: parsed.stack, etag: text.etag }
        : { kind: 'invalid', issues: parsed.issues, etag: text.etag };
    } catch (e) {
      if (isError(e) && e.name === 'NotModifiedError' && last) return last;
      if (isError(e) && e.name === 'NotFoundError') return { kind: 'missing' };
      throw e;
    }
  }
}
