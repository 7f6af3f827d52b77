import {
  durationMs,
  wallClock,
  type EnvironmentPolicyInput,
  type Stack,
} from '@idp-stack/plugin-stack-common';
import { globMatch } from './glob';

/** An AppProject `spec.syncWindows` entry. */
export interface SyncWindow {
  kind: 'allow' | 'deny';
  schedule: string;
  duration: string;
  timeZone?: string;
  applications?: string[];
  namespaces?: string[];
  manualSync?: boolean;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ENVIRONMENTS = ['dev', 'stage', 'prod'] as const;

/**
 * The AppProject sync windows that carry environment policies to Argo CD,
 * for whatever `target(env)` selects (applications or namespaces):
 *
 * - `deploymentWindows` → one `allow` window without manualSync: outside it
 *   nothing syncs, not even by hand;
 * - `manualApproval` → no automated sync: a `deny` window with manualSync
 *   (always on when there are no deployment windows, otherwise during each
 *   of them), so only a person can sync, and only inside the windows.
 *
 * Argo CD lets any active deny window without manualSync win, so the
 * project's own freeze (prod weekends) still stops manual syncs.
 */
export function syncWindowsForPolicies(
  environments: Partial<
    Record<(typeof ENVIRONMENTS)[number], EnvironmentPolicyInput | undefined>
  >,
  target: (
    env: (typeof ENVIRONMENTS)[number],
  ) => Pick<SyncWindow, 'applications' | 'namespaces'>,
  where = 'spec.environments',
): SyncWindow[] {
  const out: SyncWindow[] = [];
  for (const env of ENVIRONMENTS) {
    const policies = environments[env];
    if (!policies) continue;
    const selector = target(env);
    const entries = policies.deploymentWindows ?? [];
    // Argo CD refuses a sync while ANY matching allow window is inactive, so several
    // windows can only be expressed as one: same start, duration and zone, days merged.
    const shapes = new Set(
      entries.map(w => `${w.start} ${w.duration} ${w.timeZone ?? 'UTC'}`),
    );
    if (shapes.size > 1) {
      throw new Error(
        `${where}.${env}.policies.deploymentWindows: Argo CD can only enforce windows that share start, duration and timeZone (got ${[
          ...shapes,
        ].join(' / ')})`,
      );
    }
    const windows =
      entries.length === 0
        ? []
        : [entries.flatMap(w => w.days)].map(allDays => {
            const [hour, minute] = entries[0].start.split(':').map(Number);
            const days = [...new Set(allDays.map(d => DAYS.indexOf(d)))].sort(
              (a, b) => a - b,
            );
            return {
              schedule: `${minute} ${hour} * * ${days.join(',')}`,
              duration: entries[0].duration,
              timeZone: entries[0].timeZone ?? 'UTC',
            };
          });
    for (const w of windows)
      out.push({ kind: 'allow', ...w, ...selector, manualSync: false });
    if (policies.manualApproval) {
      const denyAutomated =
        windows.length > 0
          ? windows
          : [{ schedule: '0 0 * * *', duration: '24h', timeZone: 'UTC' }];
      for (const w of denyAutomated)
        out.push({ kind: 'deny', ...w, ...selector, manualSync: true });
    }
  }
  return out;
}

/** The windows of a stack's own policies, for its Applications `<repo>-<env>`. */
export function syncWindowsForStack(stack: Stack): SyncWindow[] {
  const envs = stack.spec.environments ?? {};
  return syncWindowsForPolicies(
    {
      dev: envs.dev?.policies,
      stage: envs.stage?.policies,
      prod: envs.prod?.policies,
    },
    env => ({ applications: [`${stack.metadata.name}-${env}`] }),
  );
}

/**
 * Argo CD's SyncWindow.active for the schedules we write (`M H * * <days>`):
 * active when a window started within the last `duration`, in the window's
 * time zone. Other cron forms throw.
 */
export function isWindowActive(window: SyncWindow, at: Date): boolean {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* (\*|\d(?:,\d)*)$/.exec(window.schedule);
  if (!m)
    throw new Error(
      `schedule "${window.schedule}" is outside the cron subset "M H * * days"`,
    );
  const [minute, hour] = [Number(m[1]), Number(m[2])];
  const days =
    m[3] === '*' ? [0, 1, 2, 3, 4, 5, 6] : m[3].split(',').map(Number);
  const now = wallClock(at, window.timeZone ?? 'UTC').getTime();
  const length = durationMs(window.duration);
  const dayMs = 86_400_000;
  for (let back = 0; back * dayMs <= length + dayMs; back++) {
    const day = new Date(now - back * dayMs);
    const start = Date.UTC(
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      hour,
      minute,
    );
    if (
      days.includes(new Date(start).getUTCDay()) &&
      start > now - length &&
      start < now
    )
      return true;
  }
  return false;
}

/** SyncWindows.Matches: windows naming the Application, or its destination namespace. */
export function matchingWindows(
  windows: SyncWindow[],
  app: { name: string; namespace: string },
): SyncWindow[] {
  return windows.filter(
    w =>
      (w.applications ?? []).some(p => globMatch(p, app.name)) ||
      (w.namespaces ?? []).some(p => globMatch(p, app.namespace)),
  );
}

/** SyncWindows.CanSync (Argo CD v3) for the windows that match one Application. */
export function canSync(
  windows: SyncWindow[],
  at: Date,
  isManual: boolean,
): boolean {
  if (windows.length === 0) return true;
  const activeDenies = windows.filter(
    w => w.kind === 'deny' && isWindowActive(w, at),
  );
  if (activeDenies.length > 0)
    return isManual && activeDenies.every(w => w.manualSync);
  const inactiveAllows = windows.filter(
    w => w.kind === 'allow' && !isWindowActive(w, at),
  );
  if (inactiveAllows.length > 0)
    return isManual && inactiveAllows.every(w => w.manualSync);
  return true;
}
