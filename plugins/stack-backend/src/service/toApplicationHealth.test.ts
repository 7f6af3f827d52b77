import {
  application,
  AUTOMATED,
  BY_ALICE,
} from '../__testUtils__/argoFixtures';
import { ArgoApplication } from './argoTypes';
import { toApplicationHealth } from './toApplicationHealth';

const instance = { name: 'main', uiUrl: 'https://argocd.example.test' };
const map = (app: ArgoApplication) => toApplicationHealth(app, instance, 5);

describe('toApplicationHealth: who started a sync', () => {
  it('names the user of a manual sync in the last sync and its history entry', () => {
    const health = map(
      application({ repo: 'pay', env: 'prod', initiatedBy: BY_ALICE }),
    );
    expect(health.lastSync).toMatchObject({
      phase: 'Succeeded',
      initiatedBy: { username: 'alice', automated: false },
    });
    expect(health.history.map(h => [h.id, h.initiatedBy])).toEqual([
      [3, { username: 'alice', automated: false }],
      [2, { username: 'alice', automated: false }],
      [1, { automated: true }],
    ]);
  });

  it('marks an automated sync as automated, without a user', () => {
    const health = map(
      application({ repo: 'pay', env: 'dev', initiatedBy: AUTOMATED }),
    );
    expect(health.lastSync?.initiatedBy).toEqual({ automated: true });
    expect(health.history[0].initiatedBy).toEqual({ automated: true });
  });

  it('carries the initiator of a running sync', () => {
    const health = map(
      application({
        repo: 'pay',
        env: 'prod',
        operationPhase: 'Running',
        initiatedBy: BY_ALICE,
      }),
    );
    expect(health.operationInProgress).toEqual({
      phase: 'Running',
      startedAt: '2026-11-23T10:00:00Z',
      message: 'waiting for healthy state of apps/Deployment/api',
      initiatedBy: { username: 'alice', automated: false },
    });
    // The last finished sync is then the newest history entry, with its initiator.
    expect(health.lastSync).toMatchObject({
      finishedAt: '2026-11-23T10:00:30Z',
      initiatedBy: { username: 'alice', automated: false },
    });
  });

  it('leaves the initiator out where an older Argo CD did not record it', () => {
    const app = application({
      repo: 'pay',
      env: 'dev',
      historyWithoutInitiator: true,
    }) as ArgoApplication;
    delete app.status!.operationState!.operation!.initiatedBy;
    const health = map(app);
    expect(health.lastSync?.phase).toBe('Succeeded');
    expect(health.lastSync?.initiatedBy).toBeUndefined();
    expect(health.history.every(h => h.initiatedBy === undefined)).toBe(true);
    const json = JSON.parse(JSON.stringify(health));
    expect(json.lastSync).not.toHaveProperty('initiatedBy');
    expect(json.history[0]).not.toHaveProperty('initiatedBy');
  });

  it('treats an empty initiator ({} from Go) as unknown', () => {
    const app = application({ repo: 'pay', env: 'dev' }) as ArgoApplication;
    app.status!.operationState!.operation!.initiatedBy = {};
    expect(map(app).lastSync?.initiatedBy).toBeUndefined();
  });

  it('falls back to the newest history entry, initiator included, without an operation', () => {
    const app = application({
      repo: 'pay',
      env: 'dev',
      initiatedBy: BY_ALICE,
    }) as ArgoApplication;
    delete app.status!.operationState;
    expect(map(app).lastSync).toEqual({
      phase: 'Succeeded',
      startedAt: '2026-11-23T10:00:00Z',
      finishedAt: '2026-11-23T10:00:30Z',
      revision: app.status!.sync!.revision,
      initiatedBy: { username: 'alice', automated: false },
    });
  });
});
