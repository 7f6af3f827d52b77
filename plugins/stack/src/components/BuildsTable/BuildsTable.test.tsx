import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityBuilds, SHA_NEW } from '../../__testUtils__/builds';
import { shownText } from '../../__testUtils__/shownText';
import { BuildsTable } from './BuildsTable';

const now = Date.parse('2026-01-01T01:00:00Z');

describe('BuildsTable', () => {
  it('lists runs with status, branch, linked commit, start, duration and run link', async () => {
    await renderInTestApp(<BuildsTable builds={entityBuilds()} now={now} />);
    expect(
      screen.getByRole('heading', { name: 'Workflow runs' }),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(shownText(rows[1])).toBe('ci #42failurefeature/xccccccc10m ago4m—');
    expect(shownText(rows[2])).toBe('ci #41successmainbbbbbbb10m ago4mdev');
    expect(within(rows[1]).getByTestId('status-error')).toBeInTheDocument();
    expect(within(rows[2]).getByTestId('status-ok')).toBeInTheDocument();
    expect(
      within(rows[2]).getByRole('link', {
        name: 'ci #41, Opens in a new window',
      }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/actions/runs/41');
    expect(
      within(rows[2]).getByRole('link', { name: /commit bbbbbbb/ }),
    ).toHaveAttribute('href', `https://github.com/acme/shop/commit/${SHA_NEW}`);
  });

  it('says per environment whether the last successful build is deployed', async () => {
    await renderInTestApp(<BuildsTable builds={entityBuilds()} now={now} />);
    expect(
      screen.getByRole('heading', { name: /Last successful build #41/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('build-deployment-dev')).toHaveTextContent(
      'dev: runs the last successful build (#41)',
    );
    expect(screen.getByTestId('build-deployment-stage')).toHaveTextContent(
      'stage: nothing deployed',
    );
    expect(shownText(screen.getByTestId('build-deployment-prod'))).toMatch(
      /^prod: not yet: runs\saaaaaaa \(build #40\)$/,
    );
  });

  it('shows a run still in progress without conclusion or duration', async () => {
    const builds = entityBuilds({
      runs: [
        {
          ...entityBuilds().runs[0],
          status: 'in_progress',
          conclusion: null,
          durationSeconds: undefined,
        },
      ],
    });
    await renderInTestApp(<BuildsTable builds={builds} now={now} />);
    expect(screen.getAllByRole('row')[1]).toHaveTextContent('in progress');
    expect(
      screen.getByRole('heading', { name: /none among the recent runs/ }),
    ).toBeInTheDocument();
  });
});
