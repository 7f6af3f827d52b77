/* eslint-disable no-console */
// Benchmark: the email rule before (quadratic backtracking: every dot of the
// domain is tried as the split, each read to the end) and now (EMAIL, one
// possible split), side by side on the same hostile values: `a@` + "a." * k +
// a trailing space, which no split can match. Interleaved in one process so
// load from other users of the shared machine hits both alike. The old rule
// stops at 40,000 characters (seconds per test); the new one also runs 1 MB,
// which must finish within BUDGET_MS or the script exits 1.
// Run: pnpm --filter @idp-stack/plugin-stack-common bench:email
import { EMAIL } from '../src/schema/names';

const QUADRATIC_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BUDGET_MS = 50;

const hostile = (chars: number) =>
  `a@${'a.'.repeat(Math.floor((chars - 3) / 2))} `;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (re: RegExp, s: string) => {
  const t = process.hrtime.bigint();
  if (re.test(s)) throw new Error('a hostile value passed');
  return Number(process.hrtime.bigint() - t) / 1e6;
};

let old40k = 0;
console.log(
  '| characters | old rule (median) | new rule (median) | old / new |',
);
console.log('| --- | --- | --- | --- |');
for (const chars of [5_000, 10_000, 20_000, 40_000]) {
  const s = hostile(chars);
  const rounds = chars >= 20_000 ? 3 : 7;
  const old: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < rounds; i++) {
    old.push(time(QUADRATIC_EMAIL, s));
    now.push(time(EMAIL, s));
  }
  const [o, n] = [median(old), median(now)];
  old40k = o;
  console.log(
    `| ${chars.toLocaleString('en-US')} | ${o.toFixed(1)} ms | ${n.toFixed(
      3,
    )} ms | ${Math.round(o / n).toLocaleString('en-US')} |`,
  );
}
const mb = hostile(1024 * 1024);
const big = median(Array.from({ length: 11 }, () => time(EMAIL, mb)));
console.log(
  `| 1,048,576 | not run (quadratic: about ${Math.round(
    (old40k * (1048576 / 40000) ** 2) / 60000,
  )} min, extrapolated from 40,000) | ${big.toFixed(2)} ms | |`,
);
if (big > BUDGET_MS) {
  console.error(
    `new rule took ${big.toFixed(
      2,
    )} ms on 1 MB, over the budget of ${BUDGET_MS} ms`,
  );
  process.exitCode = 1;
} else {
  console.log(`\n1 MB within the budget of ${BUDGET_MS} ms.`);
}
