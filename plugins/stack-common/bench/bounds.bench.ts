/* eslint-disable no-console */
// Benchmark: hostile input against the bounds of issue 13, each within a fixed
// budget (the script exits 1 over budget; the budgets leave room for the
// shared 2-core machine: measured medians under load average 12 are in the README). Side by side with the recursive
// cycle detection it replaced, in one process.
//  - a chain of 12,000 linked services: validateStack (refused by MAX_COMPONENTS
//    before any rule reads it), the cross-field rules run on it anyway, and
//    findCycle alone, open and closed;
//  - a 1 MB email: validateStack (refused by MAX_EMAIL_LENGTH) and the EMAIL
//    rule itself on the whole value.
// Run: pnpm --filter @idp-stack/plugin-stack-common bench:bounds
import { validateStack } from '../src';
import { EMAIL } from '../src/schema/names';
import { semanticIssues } from '../src/validation/semantic';
import { findCycle } from '../src/validation/findCycle';

const N = 12_000;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (f: () => unknown) => {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

/** The recursive depth-first search findCycle replaced (validation/semantic.ts before issue 13). */
function recursiveFindCycle(
  edges: Map<string, string[]>,
): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting')
      return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...edges.keys()].sort()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

const name = (i: number) => `s${String(i).padStart(5, '0')}`;
const stackOf = (closed: boolean) => ({
  apiVersion: 'idp.platform/v1alpha1',
  kind: 'Stack',
  metadata: { name: 'chain', system: 'chain', owner: 'group:chain' },
  spec: {
    components: Array.from({ length: N }, (_, i) => ({
      name: name(i),
      type: 'nodejs',
    })),
    links: [
      ...Array.from({ length: N - 1 }, (_, i) => ({
        from: name(i),
        to: name(i + 1),
      })),
      ...(closed ? [{ from: name(N - 1), to: name(0) }] : []),
    ],
  },
});
const edgesOf = (closed: boolean) => {
  const e = new Map<string, string[]>();
  for (let i = 0; i < N - 1; i++) e.set(name(i), [name(i + 1)]);
  if (closed) e.set(name(N - 1), [name(0)]);
  return e;
};
const email = `a@${'a.'.repeat(512 * 1024)} `; // 1 MB, no split can match
const emailStack = {
  ...stackOf(false),
  spec: { components: [{ name: 'api', type: 'nodejs' }] },
  metadata: { name: 'm', system: 'm', owner: 'o', email },
};

const [openEdges, closedEdges] = [edgesOf(false), edgesOf(true)];
const closedStack = stackOf(true);
let recursive = 'not run';
try {
  recursiveFindCycle(edgesOf(true));
  recursive = 'finished';
} catch (e) {
  recursive = e instanceof RangeError ? `RangeError: ${e.message}` : String(e);
}

const cases: Array<{
  what: string;
  budgetMs: number;
  rounds: number;
  run: () => unknown;
}> = [
  {
    what: `validateStack, ${N.toLocaleString('en-US')}-link chain`,
    budgetMs: 100,
    rounds: 11,
    run: () => validateStack(closedStack),
  },
  {
    what: `cross-field rules on the chain (past the cap)`,
    budgetMs: 1000,
    rounds: 3,
    run: () => semanticIssues(closedStack),
  },
  {
    what: `findCycle, open chain`,
    budgetMs: 100,
    rounds: 11,
    run: () => findCycle(openEdges),
  },
  {
    what: `findCycle, closed chain`,
    budgetMs: 100,
    rounds: 11,
    run: () => findCycle(closedEdges),
  },
  {
    what: `validateStack, 1 MB email`,
    budgetMs: 100,
    rounds: 11,
    run: () => validateStack(emailStack),
  },
  {
    what: `EMAIL rule on the 1 MB email`,
    budgetMs: 100,
    rounds: 11,
    run: () => EMAIL.test(email),
  },
];

console.log(
  `recursive cycle detection on the closed ${N.toLocaleString(
    'en-US',
  )} chain: ${recursive}\n`,
);
console.log('| case | median | budget |');
console.log('| --- | --- | --- |');
let over = 0;
for (const c of cases) {
  const m = median(Array.from({ length: c.rounds }, () => ms(c.run)));
  console.log(`| ${c.what} | ${m.toFixed(2)} ms | ${c.budgetMs} ms |`);
  if (m > c.budgetMs) {
    console.error(
      `${c.what}: ${m.toFixed(2)} ms is over the budget of ${c.budgetMs} ms`,
    );
    over++;
  }
}
if (over > 0) process.exitCode = 1;
else console.log('\nEvery case within its budget.');
