import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { createHmac } from 'node:crypto';
import request from 'supertest';
import type { EntityBuilds } from '@idp-stack/plugin-stack-common';
import { sha } from '../__testUtils__/argoFixtures';
import { githubEventsModules } from '../__testUtils__/githubEventsModules';
import { workflowRun } from '../__testUtils__/githubFixtures';
import {
  eventually,
  startStackBackend,
} from '../__testUtils__/startStackBackend';

// Each test is a few seconds alone; the bound is for the loaded shared machine.
jest.setTimeout(60_000);

const SECRET = 'webhook-secret-for-tests';
const ONE_HOUR = { hours: 1 } as Record<string, number>;

/**
 * A `workflow_run` delivery as GitHub sends it (docs: "Webhook events and
 * payloads", workflow_run): `action`, the run object of the REST API,
 * `workflow`, `repository`, `sender`.
 */
function delivery(run: ReturnType<typeof workflowRun>, action: string) {
  return {
    action,
    workflow_run: run,
    workflow: {
      id: run.workflow_id,
      name: run.name,
      path: run.path,
      state: 'active',
    },
    repository: {
      id: 1296269,
      name: 'payments-api',
      full_name: 'acme/payments-api',
      private: true,
      owner: { login: 'acme', type: 'Organization' },
      html_url: 'https://github.com/acme/payments-api',
    },
    organization: { login: 'acme' },
    sender: { login: 'octocat', type: 'User' },
  };
}

/** `X-Hub-Signature-256`: HMAC-SHA256 of the raw body with the webhook secret (GitHub docs, "Validating webhook deliveries"). */
const sign = (body: string, secret = SECRET) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('builds from GitHub workflow_run webhooks', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  const start = (fallbackPollInterval = ONE_HOUR) =>
    startStackBackend({
      features: [
        // The real events backend (route /api/events/http/github) and its
        // GitHub module (signature validator and `github.<event>` router).
        eventsPlugin,
        ...githubEventsModules(),
        // The real events service (one bus for all plugins), not the test
        // backend's default mock, which gives each plugin a bus of its own.
        eventsServiceFactory,
      ],
      config: {
        events: {
          // In-process delivery only: no database bus whose long poll holds
          // the backend's shutdown for a minute.
          useEventBus: 'never',
          modules: { github: { webhookSecret: SECRET } },
        },
      },
      stack: {
        github: {
          maxRuns: 3,
          organizations: ['acme'],
          timeout: { seconds: 5 },
          webhooks: { enabled: true, fallbackPollInterval },
        },
      },
    });
  const builds = async () =>
    (
      await request(t.server)
        .get('/api/stack/builds/component/default/payments-api')
        .set('Authorization', t.auth())
    ).body as EntityBuilds;
  const post = (body: string, signature: string) =>
    request(t.server)
      .post('/api/events/http/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'workflow_run')
      .set('X-GitHub-Delivery', '72d3162e-cc78-11e3-81ab-4c9367dc0958')
      .set('X-Hub-Signature-256', signature)
      .send(body);

  const newRun = (status: 'in_progress' | 'completed') =>
    workflowRun({
      id: 9010,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: sha('hotfix'),
      status,
    });

  it('updates the runs at once from a signed delivery, without asking GitHub', async () => {
    t = await start();
    expect((await builds()).runs.map(r => r.id)).toEqual([9008, 9007, 9006]);
    const callsBefore = t.github.calls;

    for (const [status, action] of [
      ['in_progress', 'in_progress'],
      ['completed', 'completed'],
    ] as const) {
      const body = JSON.stringify(delivery(newRun(status), action));
      const res = await post(body, sign(body));
      expect(res.status).toBe(202);
      await eventually(async () => {
        const [first] = (await builds()).runs;
        expect(first).toMatchObject({ id: 9010, status });
      });
    }
    expect((await builds()).runs.map(r => r.id)).toEqual([9010, 9008, 9007]);
    expect((await builds()).runs[0].conclusion).toBe('success');
    expect(t.github.calls).toBe(callsBefore);
  });

  it('refuses a delivery with a bad signature (403) and changes nothing', async () => {
    t = await start();
    await builds();
    const body = JSON.stringify(delivery(newRun('completed'), 'completed'));
    const forged = await post(body, sign(body, 'not-the-secret'));
    expect(forged.status).toBe(403);
    expect(forged.body).toEqual({ message: 'invalid signature' });
    const unsigned = await request(t.server)
      .post('/api/events/http/github')
      .set('Content-Type', 'application/json')
      .set('X-GitHub-Event', 'workflow_run')
      .send(body);
    expect(unsigned.status).toBe(403);
    // a body changed after signing
    const tampered = await post(body.replace('9010', '9011'), sign(body));
    expect(tampered.status).toBe(403);
    await new Promise(r => setTimeout(r, 200));
    expect((await builds()).runs.map(r => r.id)).toEqual([9008, 9007, 9006]);
  });

  it('recovers a missed delivery at the fallback poll, with the ETag', async () => {
    t = await start({ milliseconds: 500 } as typeof ONE_HOUR);
    expect((await builds()).runs[0].id).toBe(9008);
    // GitHub ran a workflow; its delivery never arrived.
    t.githubRuns['acme/payments-api'].unshift(newRun('completed'));
    await eventually(async () => {
      expect((await builds()).runs[0]).toMatchObject({
        id: 9010,
        status: 'completed',
      });
    }, 20_000);
    // Polls in between the change were 304s, not counted by GitHub's limit.
    expect(t.github.calls).toBeGreaterThanOrEqual(2);
  });
});
