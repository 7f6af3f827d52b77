import { ServiceUnavailableError } from '@backstage/errors';
import { IDP_TOPIC, SYSTEM_TOPIC_PREFIX } from '@idp-stack/plugin-stack-common';
import { IdpOctokit } from './createOctokit';
import { githubError } from './githubError';

/**
 * Sets our topic, the system topic and the given ones (keeping the ones an
 * adopted repository already has, except a stale system topic) and reads them back: Argo CD finds repositories by topic, so a
 * topic that did not stick must fail the run rather than be logged.
 */
export async function applyTopics(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    topics: string[];
    system: string;
    keepExisting: boolean;
    /** Read-backs of the written topics before giving up (verification, not a retry of failures). */
    retries: number;
    retryBaseDelayMs: number;
  },
): Promise<string[]> {
  const { owner, repo } = options;
  const slug = `${owner}/${repo}`;
  // Failed requests are retried by the client (one layer, a 404 too for a
  // repository this run created). The read-back below re-reads only after a
  // SUCCESSFUL answer that lacks what was written; a failed read is thrown,
  // so a failure is never retried by both.
  const read = async () =>
    (await octokit.rest.repos.getAllTopics({ owner, repo })).data.names;
  try {
    const current = options.keepExisting ? await read() : [];
    const names = [
      ...new Set([
        ...current.filter(t => !t.startsWith(SYSTEM_TOPIC_PREFIX)),
        IDP_TOPIC,
        `${SYSTEM_TOPIC_PREFIX}${options.system}`,
        ...options.topics,
      ]),
    ];
    await octokit.rest.repos.replaceAllTopics({ owner, repo, names });
    let missing: string[] = names;
    for (let attempt = 0; attempt <= options.retries; attempt++) {
      const readBack = await read();
      missing = names.filter(n => !readBack.includes(n));
      if (!missing.length) return names;
      await new Promise(r =>
        setTimeout(r, options.retryBaseDelayMs * (attempt + 1) ** 2),
      );
    }
    throw new ServiceUnavailableError(
      `topics: GitHub accepted the topics of ${slug} but reading them back lacks ${missing.join(
        ', ',
      )}; without ${IDP_TOPIC} Argo CD would never deploy the repository`,
    );
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    throw githubError(error, `set the topics of ${slug}`);
  }
}
