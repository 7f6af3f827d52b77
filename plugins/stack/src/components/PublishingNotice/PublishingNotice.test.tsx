import { screen } from '@testing-library/react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import { stackApiRef } from '../../api/stackApiRef';
import { fakeStackApi } from '../../__testUtils__/fixtures';
import { PublishingNotice } from './PublishingNotice';

jest.setTimeout(20_000);

function render(githubHosts: string[] | Error) {
  const stackApi = fakeStackApi({
    getCapabilities: jest.fn(() =>
      githubHosts instanceof Error
        ? Promise.reject(githubHosts)
        : Promise.resolve({ publishing: { githubHosts } }),
    ),
  });
  return renderInTestApp(<PublishingNotice />, {
    apis: [[stackApiRef, stackApi]],
  });
}

describe('PublishingNotice', () => {
  it('without GitHub credentials names the keys and links the template editor', async () => {
    await render([]);
    expect(
      await screen.findByText(/Publishing needs a GitHub integration/),
    ).toBeInTheDocument();
    expect(screen.getByText('integrations.github[].token')).toBeInTheDocument();
    expect(screen.getByText('GITHUB_TOKEN')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /template editor/ }),
    ).toHaveAttribute('href', '/create/edit');
  });

  it('says nothing once a GitHub host has a token or app', async () => {
    const { container } = await render(['github.com']);
    await new Promise(r => setTimeout(r, 50));
    expect(screen.queryByTestId('stack-publishing-notice')).toBeNull();
    expect(container.textContent).toBe('');
  });

  it('says when the backend cannot be asked', async () => {
    await render(new Error('503 Service Unavailable'));
    expect(
      await screen.findByText(/Could not check whether publishing to GitHub/),
    ).toBeInTheDocument();
    expect(screen.getByText('503 Service Unavailable')).toBeInTheDocument();
  });
});
