import { ReactNode, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { Table, TableColumn } from '@backstage/core-components';
import {
  ENVIRONMENTS,
  type EntityHealth,
} from '@idp-stack/plugin-stack-common';
import { EnvironmentCell } from './EnvironmentCell';
import { HealthDetails } from './HealthDetails';

/** One row of the matrix: a service and its health, or why it has none. */
export interface HealthMatrixRow {
  entityRef: string;
  title: string;
  health?: EntityHealth;
  error?: string;
  /** `owner/repo` from `github.com/project-slug`, to link revisions to commits. */
  repoSlug?: string;
}

export interface HealthMatrixProps {
  rows: HealthMatrixRow[];
  environments?: readonly string[];
  /** Injected for tests; defaults to the clock. */
  now?: number;
  /** Extra controls under each deployed environment cell (EnvironmentActions). */
  cellActions?: (row: HealthMatrixRow, environment: string) => ReactNode;
}

/**
 * Service × environment matrix in Backstage's `Table`: sync and health,
 * revision linked to its commit, last sync and who started it, resources in
 * trouble; stale cells are marked with their age. Each environment cell is
 * an `EnvironmentCell`; select one for its resources and deployment history.
 */
export function HealthMatrix({
  rows,
  environments = ENVIRONMENTS,
  now = Date.now(),
  cellActions,
}: HealthMatrixProps) {
  const [selected, setSelected] = useState<{ ref: string; env: string }>();
  const selectedRow = rows.find(r => r.entityRef === selected?.ref);
  // Service a fifth, the environments share the rest evenly.
  const envWidth = `${Math.floor(80 / Math.max(environments.length, 1))}%`;

  const columns: TableColumn<HealthMatrixRow>[] = [
    {
      title: 'Service',
      field: 'title',
      width: '20%',
      highlight: true,
      render: row => (
        <>
          {row.title}
          {row.error ? (
            <Typography variant="body2" color="textSecondary">
              No health: {row.error}
            </Typography>
          ) : null}
        </>
      ),
    },
    ...environments.map(
      (environment): TableColumn<HealthMatrixRow> => ({
        title: environment,
        field: 'entityRef',
        sorting: false,
        width: envWidth,
        cellStyle: { verticalAlign: 'top' },
        render: row =>
          row.error ? null : (
            <EnvironmentCell
              service={row.title}
              environment={environment}
              env={row.health?.environments.find(
                e => e.environment === environment,
              )}
              repoSlug={row.repoSlug}
              now={now}
              expanded={
                selected?.ref === row.entityRef && selected.env === environment
              }
              onSelect={() =>
                setSelected({ ref: row.entityRef, env: environment })
              }
            >
              {cellActions?.(row, environment)}
            </EnvironmentCell>
          ),
      }),
    ),
  ];

  return (
    <>
      <Table<HealthMatrixRow>
        title="Health by environment"
        columns={columns}
        data={rows}
        options={{
          search: false,
          paging: false,
          padding: 'dense',
          tableLayout: 'fixed',
        }}
      />
      {selectedRow && selected ? (
        <HealthDetails row={selectedRow} environment={selected.env} now={now} />
      ) : null}
    </>
  );
}
