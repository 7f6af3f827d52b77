import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { LooseStack } from '@idp-stack/plugin-stack-common';
import useAsync from 'react-use/esm/useAsync';
import { Notice } from '../Notice';
import { CAUSE_LABELS } from './causeLabels';
import { stackApiRef } from '../../api/stackApiRef';

// Fixed widths for the short columns leave the rest to the reason; without
// them Table shares the width evenly and squeezes the fix link to a few
// letters per line at 1280 px.
const columns: TableColumn<LooseStack>[] = [
  {
    title: 'Cause',
    field: 'cause',
    width: '160px',
    render: row => CAUSE_LABELS[row.cause] ?? row.cause,
  },
  { title: 'Repository', field: 'repository', emptyValue: '–', width: '150px' },
  { title: 'System', field: 'system', emptyValue: '–', width: '110px' },
  // Unset, Table would give it calc(100% - …), which the browser honours
  // before the pixel widths, squeezing them again.
  { title: 'Reason', field: 'reason', width: 'auto' },
  {
    title: 'Fix',
    field: 'fix.title',
    width: '220px',
    render: row =>
      row.fix.url ? (
        <Link to={row.fix.url}>{row.fix.title}</Link>
      ) : (
        row.fix.title
      ),
  },
];

/**
 * `/loose-stacks`: Applications, repositories and catalog entities that
 * drifted apart, across the organisation (what the caller may read), each
 * with its reason and where to fix it. `?system=` narrows to one system.
 */
export function LooseStacksPage() {
  const api = useApi(stackApiRef);
  const system =
    new URLSearchParams(window.location.search).get('system') ?? undefined;
  const report = useAsync(() => api.getLooseStacks(system), [api, system]);

  let body;
  if (report.loading) {
    body = <Progress />;
  } else if (report.error) {
    body = (
      <Notice
        severity="error"
        title="Loose stacks could not be listed"
        data-testid="loose-stacks-error"
        message={report.error.message}
      />
    );
  } else {
    const { items, errors, generatedAt } = report.value!;
    body = (
      <>
        {errors.map(e => (
          <Notice
            key={e.source}
            data-testid="loose-stacks-source-error"
            title={`${e.source} could not be read: its causes are missing below`}
            message={e.message}
          />
        ))}
        <Table<LooseStack>
          title={`${items.length} loose stack${items.length === 1 ? '' : 's'}${
            system ? ` in system ${system}` : ''
          }`}
          subtitle={`As of ${new Date(generatedAt).toLocaleString('en-GB')}`}
          options={{ paging: items.length > 20, pageSize: 20, search: true }}
          columns={columns}
          data={items}
          emptyContent={
            <div data-testid="loose-stacks-empty" style={{ padding: 16 }}>
              Every Application has its repository and every tagged repository
              deploys.
            </div>
          }
        />
      </>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Loose stacks"
        subtitle="What runs without its repository, and what is tagged but deploys nothing"
      />
      <Content>{body}</Content>
    </Page>
  );
}
