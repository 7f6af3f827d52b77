import { ageOf, formatAge } from './formatAge';

describe('formatAge', () => {
  it('picks the largest whole unit', () => {
    expect(formatAge(42)).toBe('42s');
    expect(formatAge(5 * 60 + 59)).toBe('5m');
    expect(formatAge(3 * 3600 + 1)).toBe('3h');
    expect(formatAge(2 * 86400 + 7200)).toBe('2d');
  });

  it('never shows a negative age (clock skew)', () => {
    expect(formatAge(-5)).toBe('0s');
  });

  it('ages an ISO time and ignores missing or bad input', () => {
    const now = Date.parse('2026-01-01T01:00:00Z');
    expect(ageOf('2026-01-01T00:00:00Z', now)).toBe('1h');
    expect(ageOf(undefined, now)).toBeUndefined();
    expect(ageOf('not a date', now)).toBeUndefined();
  });
});
