import { parseAllDocuments } from 'yaml';
import { ANNOTATIONS, IDP_TOPIC } from '@idp-stack/plugin-stack-common';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';

/**
 * Why an existing repository is not ours, or `undefined` when it is: it must
 * carry our topic and a catalog-info.yaml with our stack-file annotation.
 */
export async function whyNotOurRepository(
  octokit: IdpOctokit,
  owner: string,
  repo: string,
  topics: string[],
): Promise<string | undefined> {
  const reasons: string[] = [];
  if (!topics.includes(IDP_TOPIC))
    reasons.push(`it lacks the topic ${IDP_TOPIC}`);
  let text: string | undefined;
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: 'catalog-info.yaml',
    });
    if (!Array.isArray(data) && data.type === 'file' && 'content' in data) {
      text = Buffer.from(data.content, 'base64').toString('utf8');
    }
  } catch (error) {
    // 404: no such file; 409: empty repository. Either way it is not ours.
    const status = githubStatus(error);
    if (status !== 404 && status !== 409) {
      throw githubError(error, `read catalog-info.yaml of ${owner}/${repo}`);
    }
  }
  const annotated =
    text !== undefined &&
    parseAllDocuments(text).some(doc => {
      const entity = doc.toJS() as
        | { metadata?: { annotations?: Record<string, string> } }
        | undefined;
      return Boolean(entity?.metadata?.annotations?.[ANNOTATIONS.stackFile]);
    });
  if (!annotated) {
    reasons.push(
      `its catalog-info.yaml lacks the annotation ${ANNOTATIONS.stackFile}`,
    );
  }
  return reasons.length ? reasons.join(' and ') : undefined;
}
