import { makeStyles } from '@material-ui/core/styles';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import { ANNOTATIONS, ENVIRONMENTS } from '@internal/plugin-stack-common';
import { useBatchedEntityHealth } from '../../hooks/useBatchedEntityHealth';
import { annotation } from '../../lib/annotations';
import { formatAge } from '../../lib/formatAge';
import { HealthBadge } from '../HealthBadge';

const useStyles = makeStyles(theme => ({
  badges: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

/** The health cell of one catalog row: a badge per environment. */
export function EntityHealthCell({ entity }: { entity: Entity }) {
  const classes = useStyles();
  const managed = Boolean(annotation(entity, ANNOTATIONS.argocdAppSelector));
  const ref = stringifyEntityRef(entity);
  const { loading, error, value } = useBatchedEntityHealth(managed ? ref : undefined);
  if (!managed) return <span aria-label="not deployed by Argo CD">—</span>;
  if (loading) return <span role="status" aria-label="Loading health">…</span>;
  if (error) return <span title={error.message}>health unavailable</span>;
  if (!value?.health) return <span title={value?.error?.message}>no health</span>;
  return (
    <span className={classes.badges}>
      {ENVIRONMENTS.map(envName => {
        const env = value.health!.environments.find(e => e.environment === envName);
        if (!env) return null;
        const stale = env.applications.find(a => a.stale)?.stale;
        return (
          <HealthBadge
            key={envName}
            label={envName}
            health={env.healthStatus}
            sync={env.syncStatus}
            staleAge={stale ? formatAge(stale.ageSeconds) : undefined}
          />
        );
      })}
    </span>
  );
}

/**
 * A "Health" column for the catalog table (`CatalogTable.columns`, or the
 * `columns` prop of `CatalogIndexPage`). All cells of a page share one
 * `POST /health/batch` request.
 */
export function createStackHealthColumn(): TableColumn<{ entity: Entity }> {
  return {
    title: 'Health',
    field: 'entity.metadata.name',
    sorting: false,
    render: ({ entity }) => <EntityHealthCell entity={entity} />,
  };
}
