import { z } from 'zod';
import { rule, ruleOf } from './rule';

describe('rule', () => {
  it('puts the rule on the zod issue as data, for built-in checks, types, enums and refinements', () => {
    const schema = z.strictObject({
      port: z.number(rule('type', 'must be a number')).max(
        10,
        rule('port', i => `${i} is above 10`),
      ),
      name: z.string().regex(
        /^[a-z]+$/,
        rule('dns-1123-label', i => `${JSON.stringify(i)} is not lowercase`),
      ),
      kind: z.enum(['a', 'b'], rule('enum', 'is not a or b')),
      even: z.number().refine(n => n % 2 === 0, rule('even', 'is odd')),
      plain: z.string(),
    });
    const r = schema.safeParse({
      port: 11,
      name: 'Nope',
      kind: 'c',
      even: 3,
      plain: 1,
    });
    expect(r.success).toBe(false);
    expect(
      r.error!.issues.map(i => [i.path.join('.'), ruleOf(i), i.message]),
    ).toEqual([
      ['port', 'port', '11 is above 10'],
      ['name', 'dns-1123-label', '"Nope" is not lowercase'],
      ['kind', 'enum', 'is not a or b'],
      ['even', 'even', 'is odd'],
      ['plain', undefined, expect.any(String)],
    ]);
    expect(ruleOf({ params: { rule: 'type' } })).toBe('type');
    expect(ruleOf({})).toBeUndefined();
  });
});
