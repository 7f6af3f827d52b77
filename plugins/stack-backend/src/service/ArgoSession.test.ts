import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { sessionJwt } from '../__testUtils__/argoFixtures';
import { ArgoSession, jwtExpiry } from './ArgoSession';

const URL_ = 'https://argocd.example.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function session() {
  return new ArgoSession({
    upstream: 'Argo CD instance "main"',
    url: URL_,
    username: 'backstage',
    password: 's3cret',
    timeoutMs: 1_000,
  });
}

describe('ArgoSession', () => {
  it('reads exp from a JWT', () => {
    expect(jwtExpiry(sessionJwt(1_900_000_000))).toBe(1_900_000_000);
    expect(jwtExpiry('not-a-jwt')).toBeUndefined();
  });

  it('logs in once and reuses the token until shortly before exp', async () => {
    let logins = 0;
    let exp = Math.floor(Date.now() / 1000) + 3600;
    server.use(
      http.post(`${URL_}/api/v1/session`, async ({ request }) => {
        logins++;
        expect(await request.json()).toEqual({
          username: 'backstage',
          password: 's3cret',
        });
        return HttpResponse.json({ token: sessionJwt(exp) });
      }),
    );
    const s = session();
    const tokens = await Promise.all([s.token(), s.token(), s.token()]);
    expect(new Set(tokens).size).toBe(1);
    expect(await s.token()).toBe(tokens[0]);
    expect(logins).toBe(1);

    // A token within a minute of expiry is renewed.
    exp = Math.floor(Date.now() / 1000) + 30;
    s.invalidate();
    await s.token();
    await s.token();
    expect(logins).toBe(3);
  });

  it('reports wrong credentials as unauthorized, without the password', async () => {
    server.use(
      http.post(`${URL_}/api/v1/session`, () =>
        HttpResponse.json(
          {
            error: 'Invalid username or password',
            code: 16,
            message: 'Invalid username or password',
          },
          { status: 401 },
        ),
      ),
    );
    const err = await session()
      .token()
      .catch(e => e);
    expect(err).toMatchObject({ kind: 'unauthorized' });
    expect(err.message).toContain('Argo CD instance "main" rejected');
    expect(err.message).not.toContain('s3cret');
  });
});
