import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { parseOwnerRepo } from './parseOwnerRepo';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({
    integrations: {
      github: [{ host: 'github.com' }],
      gitlab: [{ host: 'gitlab.com' }],
    },
  }),
);

describe('parseOwnerRepo', () => {
  it('gives host, owner and repository of a RepoUrlPicker value', () => {
    expect(
      parseOwnerRepo('github.com?owner=acme&repo=shop', integrations),
    ).toEqual({ host: 'github.com', owner: 'acme', repo: 'shop' });
  });

  it('rejects a value without an owner, naming the field', () => {
    expect(() =>
      parseOwnerRepo('gitlab.com?project=7&repo=shop', integrations),
    ).toThrow('repoUrl: "gitlab.com?project=7&repo=shop" names no owner');
  });
});
