import type { EnvironmentPolicyInput } from './registry';

/** Wall-clock time of `at` in `timeZone`, as a Date whose UTC fields are that wall clock. */
export function wallClock(at: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(at)
      .map(p => [p.type, p.value]),
  );
  return new Date(
    Date.UTC(
      +parts.year,
      +parts.month - 1,
      +parts.day,
      +parts.hour,
      +parts.minute,
      +parts.second,
    ),
  );
}

/** `<n>h` or `<n>m` (the only forms the policies write) in milliseconds. */
export function durationMs(duration: string): number {
  const m = /^(\d+)([hm])$/.exec(duration);
  if (!m)
    throw new Error(
      `duration "${duration}" is not <n>h or <n>m (the only forms we write)`,
    );
  return Number(m[1]) * (m[2] === 'h' ? 3_600_000 : 60_000);
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * The deployment window of an environment's policies that is open at `at`,
 * else the next one to open (within a week), as instants; undefined when the
 * policies have no windows (deploys any time). Same reading as Argo CD's
 * allow windows that `syncWindowsForPolicies` (argocd/src/syncWindows.ts)
 * writes: each window opens at `start` on its days in its time zone.
 */
export function nextDeploymentWindow(
  policies: EnvironmentPolicyInput | undefined,
  at: Date,
): { start: string; end: string; open: boolean } | undefined {
  const windows = policies?.deploymentWindows ?? [];
  let best: { start: number; end: number } | undefined;
  for (const w of windows) {
    const tz = w.timeZone ?? 'UTC';
    const [hour, minute] = w.start.split(':').map(Number);
    const length = durationMs(w.duration);
    const now = wallClock(at, tz);
    // back one day: a window that opened yesterday may still be open
    for (let d = -1; d <= 7; d++) {
      const day = new Date(now.getTime() + d * 86_400_000);
      if (!w.days.includes(DAYS[day.getUTCDay()])) continue;
      const wall = Date.UTC(
        day.getUTCFullYear(),
        day.getUTCMonth(),
        day.getUTCDate(),
        hour,
        minute,
      );
      // the instant whose wall clock in tz is `wall`
      const offset = wallClock(new Date(wall), tz).getTime() - wall;
      const start = wall - offset;
      const end = start + length;
      if (end <= at.getTime()) continue;
      if (!best || start < best.start) best = { start, end };
    }
  }
  if (!best) return undefined;
  return {
    start: new Date(best.start).toISOString(),
    end: new Date(best.end).toISOString(),
    open: best.start <= at.getTime(),
  };
}
