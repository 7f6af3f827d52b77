import { UpstreamFailure } from '@idp-stack/plugin-stack-node';

/** The HTTP status of an Octokit error, if it is one. */
export function githubStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Turns an Octokit failure into the Backstage error of the stack plugins'
 * one status mapping (`UpstreamFailure` in `@idp-stack/plugin-stack-node`,
 * the backend's too), saying what we were doing and what GitHub answered;
 * the Octokit error stays as the cause. It went through the client's
 * bounded retries.
 */
export function githubError(error: unknown, doing: string): Error {
  if (githubStatus(error) === undefined) {
    return error instanceof Error ? error : new Error(String(error));
  }
  return UpstreamFailure.from(error, 'GitHub', {
    doing,
    credentialsHint: 'check the token or GitHub App in integrations.github',
    retried: true,
  }).toBackstageError();
}
