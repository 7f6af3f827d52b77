import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import { startStackBackend } from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

describe('GET /capabilities', () => {
  it('names the GitHub hosts with a token as publishing targets', async () => {
    const t = await startStackBackend();
    try {
      const res = await request(t.server)
        .get('/api/stack/capabilities')
        .set('authorization', t.auth());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ publishing: { githubHosts: ['github.com'] } });
      // Hosts only: the token never leaves the backend.
      expect(JSON.stringify(res.body)).not.toContain('ghp_');
    } finally {
      await t.stop();
    }
  });

  it('lists no host when the GitHub integration has no token or app (a first run without GITHUB_TOKEN)', async () => {
    const t = await startStackBackend({
      githubIntegration: { host: 'github.com' },
    });
    try {
      const res = await request(t.server)
        .get('/api/stack/capabilities')
        .set('authorization', t.auth());
      expect(res.body).toEqual({ publishing: { githubHosts: [] } });
    } finally {
      await t.stop();
    }
  });

  it('answers signed-in users only', async () => {
    const t = await startStackBackend();
    try {
      const anonymous = await request(t.server)
        .get('/api/stack/capabilities')
        .set('authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      // Another plugin (service principal) has no use for it either:
      // httpAuth refuses the principal type with NotAllowedError.
      const service = await request(t.server)
        .get('/api/stack/capabilities')
        .set('authorization', mockCredentials.service.header());
      expect(service.status).toBe(403);
    } finally {
      await t.stop();
    }
  });
});
