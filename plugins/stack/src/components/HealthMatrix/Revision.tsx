import { ExternalLink } from '../ExternalLink';

/** A deployed revision as its short SHA, linked to the commit when the repo is known. */
export function Revision({
  sha,
  repoSlug,
}: {
  sha?: string;
  repoSlug?: string;
}) {
  if (!sha) return null;
  const short = sha.slice(0, 7);
  if (!repoSlug) return <code>{short}</code>;
  return (
    <ExternalLink
      href={`https://github.com/${repoSlug}/commit/${sha}`}
      label={`commit ${short}`}
    >
      <code>{short}</code>
    </ExternalLink>
  );
}
