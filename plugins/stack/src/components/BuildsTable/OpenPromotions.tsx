import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { OpenPromotions as OpenPromotionsBody } from '@idp-stack/plugin-stack-common';
import { ExternalLink } from '../ExternalLink';

/** The open promotion pull requests of the repository, per target environment. */
export function OpenPromotions({
  promotions,
}: {
  promotions: OpenPromotionsBody;
}) {
  return (
    <InfoCard title="Open promotions" data-testid="stack-open-promotions">
      {Object.entries(promotions.environments).map(([env, pulls]) => (
        <Typography key={env} variant="body2" component="div">
          <strong>{env}:</strong>{' '}
          {pulls.length === 0
            ? 'none'
            : pulls.map((p, i) => (
                <span key={p.number}>
                  {i > 0 ? ', ' : ''}
                  <ExternalLink href={p.url}>
                    #{p.number} {p.title}
                  </ExternalLink>
                </span>
              ))}
        </Typography>
      ))}
    </InfoCard>
  );
}
