import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { StaleNotice } from './StaleNotice';

describe('StaleNotice', () => {
  it('renders nothing when every source is fresh', async () => {
    await renderInTestApp(
      <StaleNotice
        instances={[{ instance: 'main', stale: false, ageSeconds: 3 }]}
      />,
    );
    expect(screen.queryByTestId('stack-stale-notice')).not.toBeInTheDocument();
  });

  it('names each stale source with its age and the failure', async () => {
    await renderInTestApp(
      <StaleNotice
        instances={[
          { instance: 'main', stale: false },
          {
            instance: 'eu',
            stale: true,
            ageSeconds: 600,
            error: {
              kind: 'timeout',
              message: 'Argo CD did not answer within 5s',
            },
          },
          {
            instance: 'us',
            stale: true,
            error: { kind: 'unreachable', message: 'ECONNREFUSED' },
          },
        ]}
      />,
    );
    const notices = screen.getAllByTestId('stack-stale-notice');
    // Backstage's WarningPanel: "Warning: <title>" in its header, the reason below.
    expect(notices.map(n => n.textContent)).toEqual([
      'Warning: Data from eu is stale (10m old)Argo CD did not answer within 5s',
      'Warning: Data from us is stale (never fetched)ECONNREFUSED',
    ]);
    expect(notices[0]).toHaveAttribute('data-severity', 'warning');
  });
});
