import { ExternalLink } from '../ExternalLink';

/** A commit's short SHA linked to GitHub. */
export function Commit({
  repository,
  sha,
}: {
  repository: string;
  sha: string;
}) {
  return (
    <ExternalLink
      href={`https://github.com/${repository}/commit/${sha}`}
      label={`commit ${sha.slice(0, 7)}`}
    >
      <code>{sha.slice(0, 7)}</code>
    </ExternalLink>
  );
}
