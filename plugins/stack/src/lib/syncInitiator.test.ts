import { initiatorText } from './syncInitiator';

describe('initiatorText', () => {
  it('names the user of a manual sync', () => {
    expect(initiatorText({ username: 'alice', automated: false })).toBe(
      'by alice',
    );
  });

  it('says the automated policy started it', () => {
    expect(initiatorText({ automated: true })).toBe('by Argo CD (automated)');
  });

  it('says nothing when nobody was recorded', () => {
    expect(initiatorText(undefined)).toBeUndefined();
    expect(initiatorText({ automated: false })).toBeUndefined();
  });
});
