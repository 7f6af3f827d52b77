import {
  parseStackYaml,
  type EntityStack,
  type Stack,
  type StackIssue,
} from '@idp-stack/plugin-stack-common';
import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { isError, ServiceUnavailableError } from '@backstage/errors';
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
    },
  ) {}

  async forEntity(entity: Entity): Promise<EntityStack> {
    const entityRef = stringifyEntityRef(entity);
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
