import type { Stack } from '@idp-stack/plugin-stack-common';
import { validateManifest } from './manifestSchemas';
import {
  canSync,
  isWindowActive,
  matchingWindows,
  SyncWindow,
  syncWindowsForStack,
} from './syncWindows';
import { fixtureStacks } from './testing/goldenPath';
import { gitopsObject } from './testing/gitopsObjects';

// The finance system's AppProject, rendered from argocd/systems/finance.yaml.
const project = gitopsObject('AppProject', 'finance');
const projectWindows: SyncWindow[] = project.spec.syncWindows;

function stackWith(environments: Record<string, unknown>): Stack {
  return {
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: { name: 'ledger', system: 'finance' },
    spec: { components: [], environments },
  } as unknown as Stack;
}

// 2026-11-24 is a Tuesday; Europe/Berlin is UTC+1 in November.
const tuesday10Berlin = new Date('2026-11-24T09:00:00Z');
const tuesday16Berlin = new Date('2026-11-24T15:00:00Z');
const monday10Berlin = new Date('2026-11-23T09:00:00Z');
const saturdayNoon = new Date('2026-11-28T12:00:00Z');
const wednesdayNoon = new Date('2026-11-25T12:00:00Z');

describe('syncWindowsForStack', () => {
  it('maps the fixture policies (prod: manual approval, Tue–Thu 09:00 Berlin for 6h)', () => {
    const stack = fixtureStacks().find(
      s => s.fixture === 'fastapi-postgres.yaml',
    )!;
    const windows = syncWindowsForStack(stack.parsed);
    const app = [`${stack.repo}-prod`];
    expect(windows).toEqual([
      {
        kind: 'allow',
        schedule: '0 9 * * 2,3,4',
        duration: '6h',
        timeZone: 'Europe/Berlin',
        applications: app,
        manualSync: false,
      },
      {
        kind: 'deny',
        schedule: '0 9 * * 2,3,4',
        duration: '6h',
        timeZone: 'Europe/Berlin',
        applications: app,
        manualSync: true,
      },
    ]);
    // They fit the AppProject schema.
    expect(() =>
      validateManifest({
        ...project,
        spec: { ...project.spec, syncWindows: [...projectWindows, ...windows] },
      }),
    ).not.toThrow();
  });

  it('turns manual approval without windows into an always-on deny window that allows manual syncs', () => {
    expect(
      syncWindowsForStack(
        stackWith({ stage: { policies: { manualApproval: true } } }),
      ),
    ).toEqual([
      {
        kind: 'deny',
        schedule: '0 0 * * *',
        duration: '24h',
        timeZone: 'UTC',
        applications: ['ledger-stage'],
        manualSync: true,
      },
    ]);
    expect(syncWindowsForStack(stackWith({ dev: {} }))).toEqual([]);
  });

  it('merges windows of the same shape and refuses ones Argo CD could not enforce together', () => {
    const same = { start: '08:00', duration: '2h' };
    expect(
      syncWindowsForStack(
        stackWith({
          dev: {
            policies: {
              deploymentWindows: [
                { days: ['fri'], ...same },
                { days: ['mon', 'fri'], ...same },
              ],
            },
          },
        }),
      ),
    ).toEqual([
      {
        kind: 'allow',
        schedule: '0 8 * * 1,5',
        duration: '2h',
        timeZone: 'UTC',
        applications: ['ledger-dev'],
        manualSync: false,
      },
    ]);
    expect(() =>
      syncWindowsForStack(
        stackWith({
          dev: {
            policies: {
              deploymentWindows: [
                { days: ['mon'], ...same },
                { days: ['tue'], start: '09:00', duration: '2h' },
              ],
            },
          },
        }),
      ),
    ).toThrow(
      /spec.environments.dev.policies.deploymentWindows: Argo CD can only enforce/,
    );
  });
});

describe('canSync (Argo CD SyncWindows.CanSync)', () => {
  const stack = stackWith({
    stage: {
      policies: {
        deploymentWindows: [
          {
            days: ['tue'],
            start: '09:00',
            duration: '6h',
            timeZone: 'Europe/Berlin',
          },
        ],
      },
    },
    prod: {
      policies: {
        manualApproval: true,
        deploymentWindows: [
          {
            days: ['tue', 'wed', 'thu'],
            start: '09:00',
            duration: '6h',
            timeZone: 'Europe/Berlin',
          },
        ],
      },
    },
  });
  const all = [...projectWindows, ...syncWindowsForStack(stack)];
  const forApp = (env: string) =>
    matchingWindows(all, {
      name: `ledger-${env}`,
      namespace: `finance-${env}`,
    });

  it('evaluates window activity in the window time zone', () => {
    const [allow] = forApp('stage');
    expect(isWindowActive(allow, tuesday10Berlin)).toBe(true);
    expect(isWindowActive(allow, tuesday16Berlin)).toBe(false);
    expect(isWindowActive(allow, monday10Berlin)).toBe(false);
    expect(() =>
      isWindowActive({ ...allow, schedule: '*/5 * * * *' }, tuesday10Berlin),
    ).toThrow(/cron subset/);
  });

  it('stage: automated and manual syncs only inside the window', () => {
    expect(canSync(forApp('stage'), tuesday10Berlin, false)).toBe(true);
    expect(canSync(forApp('stage'), monday10Berlin, false)).toBe(false);
    expect(canSync(forApp('stage'), monday10Berlin, true)).toBe(false);
  });

  it('prod with manual approval: never automated, manual only inside the window', () => {
    expect(canSync(forApp('prod'), tuesday10Berlin, false)).toBe(false);
    expect(canSync(forApp('prod'), tuesday10Berlin, true)).toBe(true);
    expect(canSync(forApp('prod'), monday10Berlin, true)).toBe(false);
  });

  it("the project's weekend freeze stops even manual prod syncs, and leaves dev alone", () => {
    const prodOnly = stackWith({
      prod: { policies: { manualApproval: true } },
    });
    const windows = matchingWindows(
      [...projectWindows, ...syncWindowsForStack(prodOnly)],
      {
        name: 'ledger-prod',
        namespace: 'finance-prod',
      },
    );
    expect(canSync(windows, wednesdayNoon, true)).toBe(true);
    expect(canSync(windows, saturdayNoon, true)).toBe(false);
    expect(
      canSync(
        matchingWindows(projectWindows, {
          name: 'ledger-dev',
          namespace: 'finance-dev',
        }),
        saturdayNoon,
        false,
      ),
    ).toBe(true);
  });

  it('the registry alone gives prod manual approval by default, and dev/stage sync by themselves', () => {
    // content registers no policies: prod defaults to manual approval (policiesFor's default).
    const content = gitopsObject('AppProject', 'content').spec
      .syncWindows as SyncWindow[];
    const app = (env: string) => ({
      name: `catalogue-${env}`,
      namespace: `content-${env}`,
    });
    for (const at of [monday10Berlin, wednesdayNoon, tuesday16Berlin]) {
      expect(canSync(matchingWindows(content, app('prod')), at, false)).toBe(
        false,
      );
      expect(canSync(matchingWindows(content, app('prod')), at, true)).toBe(
        true,
      );
      expect(canSync(matchingWindows(content, app('dev')), at, false)).toBe(
        true,
      );
      expect(canSync(matchingWindows(content, app('stage')), at, false)).toBe(
        true,
      );
    }
    expect(
      canSync(matchingWindows(content, app('prod')), saturdayNoon, true),
    ).toBe(false);
    // finance's registered window: prod by hand only Tue–Thu 09:00–15:00 Berlin.
    const ledger = matchingWindows(projectWindows, {
      name: 'ledger-prod',
      namespace: 'finance-prod',
    });
    expect(canSync(ledger, tuesday10Berlin, true)).toBe(true);
    expect(canSync(ledger, tuesday10Berlin, false)).toBe(false);
    expect(canSync(ledger, monday10Berlin, true)).toBe(false);
  });
});
