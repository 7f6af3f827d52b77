import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ExternalLink } from './ExternalLink';

describe('ExternalLink', () => {
  it('opens in a new tab without leaking the opener and names itself', async () => {
    await renderInTestApp(
      <ExternalLink
        href="https://github.com/acme/shop/commit/abc"
        label="commit abc"
      >
        abc
      </ExternalLink>,
    );
    const link = screen.getByRole('link', {
      name: 'commit abc, Opens in a new window',
    });
    expect(link).toHaveAttribute(
      'href',
      'https://github.com/acme/shop/commit/abc',
    );
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });
});
