import { toSyncInitiator } from './toSyncInitiator';

describe('toSyncInitiator', () => {
  it('keeps the user of a manual sync', () => {
    expect(toSyncInitiator({ username: 'alice' })).toEqual({
      username: 'alice',
      automated: false,
    });
  });

  it('marks a sync the controller started as automated', () => {
    expect(toSyncInitiator({ automated: true })).toEqual({ automated: true });
  });

  it('is undefined when Argo CD recorded nobody', () => {
    expect(toSyncInitiator(undefined)).toBeUndefined();
    // Go encodes an unset OperationInitiator as {}.
    expect(toSyncInitiator({})).toBeUndefined();
    expect(toSyncInitiator({ username: '', automated: false })).toBeUndefined();
  });
});
