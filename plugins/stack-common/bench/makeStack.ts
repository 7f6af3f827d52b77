// The stacks both benchmarks measure.
import { Stack } from '../src';
import { stackSchema } from '../src/schema/stackSchema';
import { semanticIssues } from '../src/validation/semantic';

/**
 * Groups of 10 components: 5 nodejs services, a web workload and one of each data
 * type, 9 links per group. A stack has one hostname, so only the first group's web
 * is a frontend (it owns `/`); the others are nodejs services.
 */
export function makeStack(n: number): Stack {
  const components: any[] = [];
  const links: any[] = [];
  for (let g = 0; components.length < n; g++) {
    const p = `g${g}`;
    const group = [
      ...[0, 1, 2, 3, 4].map(i => ({ name: `${p}-svc${i}`, type: 'nodejs' })),
      { name: `${p}-web`, type: g === 0 ? 'frontend' : 'nodejs' },
      { name: `${p}-db`, type: 'postgres', databases: [{ name: 'app' }] },
      {
        name: `${p}-cache`,
        type: 'redis',
        databases: [{ name: 'sessions', index: 0 }],
      },
      {
        name: `${p}-mq`,
        type: 'rabbitmq',
        queues: [{ name: 'jobs', deadLetter: true }],
      },
      { name: `${p}-store`, type: 'minio', buckets: [{ name: 'files' }] },
    ].slice(0, n - components.length);
    components.push(...group);
    const has = (name: string) => group.some(c => c.name === name);
    const link = (from: string, to: string) =>
      has(from) && has(to.split('/')[0]) && links.push({ from, to });
    link(`${p}-web`, `${p}-svc0`);
    link(`${p}-svc0`, `${p}-svc1`);
    link(`${p}-svc1`, `${p}-svc2`);
    link(`${p}-svc0`, `${p}-db/app`);
    link(`${p}-svc1`, `${p}-cache/sessions`);
    link(`${p}-svc2`, `${p}-mq/jobs`);
    link(`${p}-svc3`, `${p}-mq/jobs`);
    link(`${p}-svc3`, `${p}-store/files`);
    link(`${p}-svc4`, `${p}-db`);
  }
  // 1,000 components is past MAX_COMPONENTS on purpose (it measures how
  // generation scales), so the bounds check is skipped; the schema and every
  // cross-field rule still hold the stack.
  const input = {
    apiVersion: 'idp.platform/v1alpha1',
    kind: 'Stack',
    metadata: { name: 'bench', system: 'bench', owner: 'group:bench' },
    spec: { components, links },
  };
  const problems = semanticIssues(input);
  if (problems.length > 0)
    throw new Error(problems.map(i => i.message).join('\n'));
  return stackSchema.parse(input);
}
