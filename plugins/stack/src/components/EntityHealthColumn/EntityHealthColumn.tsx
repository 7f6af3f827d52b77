import { makeStyles } from '@material-ui/core/styles';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { TableColumn } from '@backstage/core-components';
import { ANNOTATIONS, ENVIRONMENTS } from '@idp-stack/plugin-stack-common';
import { useBatchedEntityHealth } from '../../hooks/useBatchedEntityHealth';
import { annotation } from '../../lib/annotations';
import { formatAge } from '../../lib/formatAge';
import { HealthBadge } from '../HealthBadge';

const useStyles = makeStyles(theme => ({
  badges: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.25),
  },
}));

/**
 * The health cell of one catalog row: a compact badge per environment, one
 * under the other (status icon and environment name; health and sync in its
 * accessible name and tooltip), so the column is as narrow as "stage" and
 * the catalog's own columns keep their width.
 */
export function EntityHealthCell({ entity }: { entity: Entity }) {
  const classes = useStyles();
  const managed = Boolean(annotation(entity, ANNOTATIONS.argocdAppSelector));
  const ref = stringifyEntityRef(entity);
  const { loading, error, value } = useBatchedEntityHealth(
    managed ? ref : undefined,
  );
  if (!managed) return <span aria-label="not deployed by Argo CD">—</span>;
  if (loading)
    return (
      <span role="status" aria-label="Loading health">
        …
      </span>
    );
  if (error) return <span title={error.message}>health unavailable</span>;
  if (!value?.health)
    return <span title={value?.error?.message}>no health</span>;
  return (
    <span className={classes.badges}>
      {ENVIRONMENTS.map(envName => {
        const env = value.health!.environments.find(
          e => e.environment === envName,
        );
        if (!env) return null;
        const stale = env.applications.find(a => a.stale)?.stale;
        return (
          <HealthBadge
            key={envName}
            label={envName}
            compact
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
export function createStackHealthColumn<
  Row extends { entity: Entity } = { entity: Entity },
>(): TableColumn<Row> {
  return {
    title: 'Health',
    field: 'entity.metadata.name',
    sorting: false,
    // Compact badges, stacked: the catalog's other columns keep their share
    // of a 1280-px table (checked by e2e/stackPlugin.test.ts).
    width: '96px',
    cellStyle: { whiteSpace: 'nowrap' },
    render: ({ entity }) => <EntityHealthCell entity={entity} />,
  };
}
