import { useMemo } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntity } from '@backstage/plugin-catalog-react';
import { ANNOTATIONS, ENVIRONMENTS } from '@idp-stack/plugin-stack-common';
import useAsync from 'react-use/esm/useAsync';
import { useStackHealthBatch } from '../../hooks/useStackHealthBatch';
import { annotation } from '../../lib/annotations';
import { loadSystemMembers } from '../../lib/systemMembers';
import { formatAge } from '../../lib/formatAge';
import { HealthBadge } from '../HealthBadge';
import { EmptyNotice } from '../EmptyNotice';
import { Notice } from '../Notice';
import { StaleNotice } from '../StaleNotice';

const useStyles = makeStyles(theme => ({
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: {
    display: 'flex',
    alignItems: 'baseline',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.5, 0),
  },
  name: {
    minWidth: 120,
    flexShrink: 0,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  // Badges wrap beside the name, never under it.
  badges: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
  },
}));

/**
 * Overview card: a badge per environment for the entity, or for every
 * deployable component of a system, from one batch request.
 */
export function StackHealthCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const services = useAsync(async () => {
    const all =
      entity.kind.toLocaleLowerCase('en-US') === 'system'
        ? await loadSystemMembers(catalogApi, entity)
        : [entity];
    return all.filter(e => annotation(e, ANNOTATIONS.argocdAppSelector));
  }, [catalogApi, entity]);
  const refs = useMemo(
    () => (services.value ?? []).map(s => stringifyEntityRef(s)),
    [services.value],
  );
  const batch = useStackHealthBatch(refs);

  let body;
  if (services.loading || (refs.length > 0 && batch.loading)) {
    body = <Progress />;
  } else if (services.error || batch.error) {
    body = (
      <Notice
        severity="error"
        title="Health unavailable"
        message={(services.error ?? batch.error)!.message}
      />
    );
  } else if (refs.length === 0) {
    body = (
      <EmptyNotice
        compact
        title="Not deployed by Argo CD"
        description={`No component here has the ${ANNOTATIONS.argocdAppSelector} annotation.`}
      />
    );
  } else {
    const result = batch.value!;
    body = (
      <>
        <StaleNotice instances={result.instances} />
        <ul className={classes.list} aria-label="Deployment health">
          {services.value!.map((service, i) => {
            const health = result.health.get(refs[i]);
            return (
              <li key={refs[i]} className={classes.item}>
                <span className={classes.name}>
                  {service.metadata.title ?? service.metadata.name}
                </span>
                {health ? (
                  <span className={classes.badges}>
                    {ENVIRONMENTS.map(envName => {
                      const env = health.environments.find(
                        e => e.environment === envName,
                      );
                      const stale = env?.applications.find(a => a.stale)?.stale;
                      return (
                        <HealthBadge
                          key={envName}
                          label={envName}
                          health={env?.healthStatus}
                          sync={env?.syncStatus}
                          staleAge={
                            stale ? formatAge(stale.ageSeconds) : undefined
                          }
                        />
                      );
                    })}
                  </span>
                ) : (
                  <span>{result.errors.get(refs[i]) ?? 'no health'}</span>
                )}
              </li>
            );
          })}
        </ul>
      </>
    );
  }
  return <InfoCard title="Deployment health">{body}</InfoCard>;
}
