import { Table, TableColumn } from '@backstage/core-components';
import {
  ENVIRONMENTS,
  type BuildRun,
  type EntityBuilds,
} from '@idp-stack/plugin-stack-common';
import { ageOf, formatAge } from '../../lib/formatAge';
import { deploymentOfLastSuccess } from '../../lib/deploymentOfLastSuccess';
import { ExternalLink } from '../ExternalLink';
import { ToneStatus } from '../ToneStatus';
import { Commit } from './Commit';
import { LastBuildDeployments } from './LastBuildDeployments';
import { PromoteButton } from './PromoteButton';
import { runStatus, runTone } from './runTone';

const SIDES = { paddingLeft: 8, paddingRight: 8 };

export interface BuildsTableProps {
  builds: EntityBuilds;
  now?: number;
  /** With the entity's ref, each successful build gets a promote button. */
  entityRef?: string;
}

/**
 * Recent workflow runs of the entity's repository in Backstage's `Table`,
 * and per environment whether the newest successful build is what it runs.
 */
export function BuildsTable({
  builds,
  now = Date.now(),
  entityRef,
}: BuildsTableProps) {
  const { lastSuccess, rows } = deploymentOfLastSuccess(builds, ENVIRONMENTS);
  const columns: TableColumn<BuildRun>[] = [
    {
      title: 'Run',
      field: 'runNumber',
      highlight: true,
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => (
        <ExternalLink href={run.url}>
          {run.workflowName} #{run.runNumber}
        </ExternalLink>
      ),
    },
    {
      title: 'Status',
      field: 'status',
      // Table shares the width evenly: unwrapped, "success" stays one word.
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => (
        <ToneStatus tone={runTone(run)}>{runStatus(run)}</ToneStatus>
      ),
    },
    { title: 'Branch', field: 'branch', render: run => run.branch ?? '—' },
    {
      title: 'Commit',
      field: 'commit',
      render: run => (
        <span title={run.commitMessage}>
          <Commit repository={builds.repository} sha={run.commit} />
        </span>
      ),
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: run => (run.startedAt ? `${ageOf(run.startedAt, now)} ago` : '—'),
    },
    {
      title: 'Duration',
      field: 'durationSeconds',
      render: run =>
        run.durationSeconds !== undefined
          ? formatAge(run.durationSeconds)
          : '—',
    },
    {
      title: 'Deployed in',
      field: 'deployedIn',
      render: run => run.deployedIn.join(', ') || '—',
    },
    ...(entityRef
      ? [
          {
            title: 'Promote',
            field: 'id',
            render: (run: BuildRun) => (
              <PromoteButton entityRef={entityRef} run={run} />
            ),
          } as TableColumn<BuildRun>,
        ]
      : []),
  ];
  return (
    <>
      <LastBuildDeployments
        lastSuccess={lastSuccess}
        rows={rows}
        repository={builds.repository}
      />
      <Table<BuildRun>
        title="Workflow runs"
        // material-table gives a column without a width `calc(100% / n)`
        // and 16 px side padding: with eight columns the Promote button was
        // cut off at 1280 px. `auto` sizes each by its content, 8 px sides.
        columns={columns.map(c => ({
          width: 'auto',
          ...c,
          cellStyle: { ...SIDES, ...(c.cellStyle as object) },
          headerStyle: { ...SIDES, ...c.headerStyle },
        }))}
        data={builds.runs}
        options={{ search: false, paging: false, padding: 'dense' }}
      />
    </>
  );
}
