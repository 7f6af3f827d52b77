import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { HealthBadge } from './HealthBadge';

describe('HealthBadge', () => {
  it('names environment, health and sync in text and label', async () => {
    await renderInTestApp(
      <HealthBadge label="prod" health="Degraded" sync="OutOfSync" />,
    );
    const badge = screen.getByRole('status', {
      name: 'prod: Degraded · OutOfSync',
    });
    expect(badge).toHaveAttribute('data-tone', 'error');
    expect(badge).toHaveTextContent('prod: Degraded · OutOfSync');
  });

  it('falls back to the sync tone and says when there is no data', async () => {
    await renderInTestApp(
      <>
        <HealthBadge sync="Synced" />
        <HealthBadge />
      </>,
    );
    expect(screen.getByRole('status', { name: 'Synced' })).toHaveAttribute(
      'data-tone',
      'ok',
    );
    expect(screen.getByRole('status', { name: 'No data' })).toHaveAttribute(
      'data-tone',
      'unknown',
    );
  });

  it('marks stale data with its age', async () => {
    await renderInTestApp(<HealthBadge health="Healthy" staleAge="5m" />);
    expect(
      screen.getByRole('status', { name: 'Healthy (stale, 5m old)' }),
    ).toHaveTextContent('Healthy (5m old)');
  });
});
