import { loadFixture } from '../testUtils/fixtures';
import { policiesFor } from './policies';

describe('policiesFor', () => {
  it('defaults manual approval to prod only and passes windows through', () => {
    const single = loadFixture('single-node');
    expect(policiesFor(single, 'dev')).toEqual({
      manualApproval: false,
      deploymentWindows: [],
    });
    expect(policiesFor(single, 'prod')).toEqual({
      manualApproval: true,
      deploymentWindows: [],
    });
    expect(
      policiesFor(loadFixture('fastapi-postgres'), 'prod').deploymentWindows,
    ).toEqual([
      {
        days: ['tue', 'wed', 'thu'],
        start: '09:00',
        duration: '6h',
        timeZone: 'Europe/Berlin',
      },
    ]);
  });
});
