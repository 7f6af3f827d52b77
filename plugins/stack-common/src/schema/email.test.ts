import fc from 'fast-check';
import { loadFixture } from '../testUtils/fixtures';
import { validateStack } from '../validation/validateStack';
import { EMAIL } from './names';

/** The rule before it was made linear: the reference for what is an email. */
const QUADRATIC_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

describe('EMAIL', () => {
  it('accepts exactly what the old rule accepted', () => {
    const chars = fc.constantFrom(
      'a',
      'b',
      '.',
      '@',
      ' ',
      '\t',
      '\n',
      '-',
      'é',
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 24 }), cs => {
        const s = cs.join('');
        expect(EMAIL.test(s)).toBe(QUADRATIC_EMAIL.test(s));
      }),
      { numRuns: 20_000 },
    );
    for (const ok of [
      'a@b.c',
      'a@.b.c',
      'a@b..c',
      'first.last@sub.example.com',
      'a@b.',
    ]) {
      expect([ok, EMAIL.test(ok)]).toEqual([ok, QUADRATIC_EMAIL.test(ok)]);
    }
  });

  it('refuses a 1 MB hostile email: the rule alone, and validateStack by its length cap first', () => {
    // many dots, then a character no part may hold: every split fails late
    const hostile = `a@${'a.'.repeat(500_000)} `;
    expect(EMAIL.test(hostile)).toBe(false);
    const stack = loadFixture('single-node') as any;
    stack.metadata.email = hostile;
    const r = validateStack(stack);
    expect(r.ok ? [] : r.issues.map(i => `${i.rule} | ${i.message}`)).toEqual([
      'max-length | metadata.email: is 1000003 characters; the limit is 254 (MAX_EMAIL_LENGTH)',
    ]);
  });

  it('accepts a 1 MB valid one', () => {
    expect(EMAIL.test(`${'x'.repeat(500_000)}@${'a.'.repeat(250_000)}io`)).toBe(
      true,
    );
  });
});
