import { createHash } from 'node:crypto';

/**
 * The object id git gives a file's content: SHA-1 of `blob <size>\0<bytes>`
 * (https://git-scm.com/book/en/v2/Git-Internals-Git-Objects), which is what
 * GitHub lists as each entry's `sha` in a tree. Comparing it with the tree's
 * tells whether a file changed without downloading it.
 */
export function gitBlobSha(content: string | Buffer): string {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}
