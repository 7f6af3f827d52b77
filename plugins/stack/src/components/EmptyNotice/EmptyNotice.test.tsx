import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EmptyNotice } from './EmptyNotice';

describe('EmptyNotice', () => {
  it('is a labelled region with a heading and the fix', async () => {
    await renderInTestApp(
      <EmptyNotice
        title="No builds"
        description="Add github.com/project-slug to catalog-info.yaml."
      />,
    );
    const region = screen.getByRole('region', { name: 'No builds' });
    expect(region).toContainElement(
      screen.getByRole('heading', { name: 'No builds' }),
    );
    expect(region).toHaveTextContent(
      'Add github.com/project-slug to catalog-info.yaml.',
    );
  });
});
