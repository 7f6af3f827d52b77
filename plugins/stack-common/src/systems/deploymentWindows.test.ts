import { nextDeploymentWindow } from './deploymentWindows';

const weekdays = {
  deploymentWindows: [
    {
      days: ['tue', 'thu'],
      start: '09:00',
      duration: '2h',
      timeZone: 'Europe/Berlin',
    },
  ],
};

describe('nextDeploymentWindow', () => {
  it('is undefined without windows (deploys any time)', () => {
    expect(nextDeploymentWindow(undefined, new Date())).toBeUndefined();
    expect(
      nextDeploymentWindow({ manualApproval: true }, new Date()),
    ).toBeUndefined();
  });

  it('finds the next opening in the window time zone (CET is UTC+1 in November)', () => {
    // Sunday 2026-11-29 12:00 UTC → Tuesday 09:00 Berlin = 08:00 UTC
    expect(
      nextDeploymentWindow(weekdays, new Date('2026-11-29T12:00:00Z')),
    ).toEqual({
      start: '2026-12-01T08:00:00.000Z',
      end: '2026-12-01T10:00:00.000Z',
      open: false,
    });
  });

  it('reports a window that is open now, and skips one that has closed', () => {
    expect(
      nextDeploymentWindow(weekdays, new Date('2026-12-01T09:30:00Z')),
    ).toEqual({
      start: '2026-12-01T08:00:00.000Z',
      end: '2026-12-01T10:00:00.000Z',
      open: true,
    });
    expect(
      nextDeploymentWindow(weekdays, new Date('2026-12-01T10:00:00Z'))?.start,
    ).toBe('2026-12-03T08:00:00.000Z');
  });

  it('in summer time the same wall clock is one hour earlier in UTC', () => {
    expect(
      nextDeploymentWindow(weekdays, new Date('2026-06-01T00:00:00Z'))?.start,
    ).toBe('2026-06-02T07:00:00.000Z');
  });
});
