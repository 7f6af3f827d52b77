// A local OpenID Connect provider (the `oidc-provider` package) for sign-in
// tests: `node oidcServer.mjs <redirectUri>...` listens on a free loopback
// port and prints one JSON line { issuer, metadataUrl, clientId, clientSecret }.
// Its accounts are the Users of examples/org.yaml (account id = email), plus
// anyone else who types an email (to test that the portal refuses them).
// Dev interactions (oidc-provider's built-in login and consent forms) stand
// in for an IdP's login page.
import Provider from 'oidc-provider';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseAllDocuments } from 'yaml';

const redirectUris = process.argv.slice(2);
const org = parseAllDocuments(
  readFileSync(
    new URL('../../../../examples/org.yaml', import.meta.url),
    'utf8',
  ),
).map(d => d.toJS());
const names = new Map(
  org
    .filter(d => d.kind === 'User' && d.spec?.profile?.email)
    .map(u => [u.spec.profile.email, u.spec.profile.displayName]),
);

const server = createServer();
await new Promise(r => server.listen(0, '127.0.0.1', r));
const issuer = `http://127.0.0.1:${server.address().port}`;
const clientId = 'idp-portal';
const clientSecret = 'idp-portal-test-secret';

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    },
  ],
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          email: id,
          email_verified: true,
          name: names.get(id) ?? id,
        };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  features: { devInteractions: { enabled: true } },
  // Backstage's OIDC provider asks for offline access (refresh tokens).
  issueRefreshToken: async () => true,
  pkce: { required: () => false },
});
provider.proxy = false;
server.on('request', provider.callback());
process.stdout.write(
  `${JSON.stringify({
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
  })}\n`,
);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
