import {
  parseStackYaml,
  type EntityStack,
  type Stack,
  type StackIssue,
} from '@internal/plugin-stack-common';
import {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  isError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { RefreshingValue } from './RefreshingValue';
import { stackFileLocation, stackNotFound } from './stackFileLocation';

/** What one read of a stack.yaml gave; a missing or invalid file is an answer, not an upstream failure. */
type StackFile =
  | { kind: 'ok'; stack: Stack; etag?: string }
  | { kind: 'missing' }
  | { kind: 'invalid'; issues: StackIssue[]; etag?: string };

/**
 * The stack.yaml of an entity's repository through Backstage's UrlReader
 * (the plugin's integration credentials), read at most once per refresh
 * interval per file whatever the load, revalidated with its ETag.
 */
export class StackFileService {
  private readonly files = new Map<string, RefreshingValue<StackFile>>();

  constructor(
    private readonly reader: UrlReaderService,
    private readonly opts: { logger: LoggerService; refreshIntervalMs: number },
  ) {}

  async forEntity(entity: Entity): Promise<EntityStack> {
    const entityRef = stringifyEntityRef(entity);
    const location = stackFileLocation(entity);
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
      throw new ServiceUnavailableError(
        `could not read ${location}: ${state.error?.message ?? 'no answer'}`,
      );
    }
    if (file.kind === 'missing') {
      throw stackNotFound(
        'no-file',
        `no stack.yaml at ${location} (entity ${entityRef})`,
      );
    }
    if (file.kind === 'invalid') {
      const first = file.issues[0]?.message ?? 'unknown issue';
      throw Object.assign(
        new InputError(
          `stack.yaml at ${location} is invalid: ${first}${
            file.issues.length > 1
              ? ` (and ${file.issues.length - 1} more)`
              : ''
          }`,
        ),
        { reason: 'invalid', issues: file.issues },
      );
    }
    return { entityRef, location, stack: file.stack };
  }

  private async read(location: string, last?: StackFile): Promise<StackFile> {
    const etag = last && last.kind !== 'missing' ? last.etag : undefined;
    try {
      const res = await this.reader.readUrl(location, { etag });
      const text = (await res.buffer()).toString('utf8');
      const parsed = parseStackYaml(text);
      return parsed.ok
        ? { kind: 'ok', stack: parsed.stack, etag: res.etag }
        : { kind: 'invalid', issues: parsed.issues, etag: res.etag };
    } catch (e) {
      if (isError(e) && e.name === 'NotModifiedError' && last) return last;
      if (isError(e) && e.name === 'NotFoundError') return { kind: 'missing' };
      throw e;
    }
  }
}
