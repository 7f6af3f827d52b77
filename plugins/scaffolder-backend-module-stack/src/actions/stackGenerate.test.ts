import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseStackYaml } from '@idp-stack/plugin-stack-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { makeWorkspace } from '../__testUtils__/publishFixture';
import { createStackGenerateAction } from './stackGenerate';

const catalog = catalogServiceMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
  ],
});
const action = createStackGenerateAction({ catalog });

const FULLSTACK = path.resolve(
  __dirname,
  '../../../stack-common/fixtures/fullstack.yaml',
);
/** The fixture's components and sub-components, in declaration order. */
const FULLSTACK_COMPONENTS = [
  'web',
  'orders',
  'worker',
  'db',
  'mq',
  'store',
  'cache',
];

async function run(
  input: Record<string, unknown>,
  files: Record<string, string> = {},
  dryRun = false,
) {
  const workspacePath = await makeWorkspace(files);
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  await action.handler((dryRun ? { ...ctx, isDryRun: true } : ctx) as any);
  return { ctx, workspacePath };
}

const form = {
  name: 'payments-api',
  system: 'payments',
  owner: 'group:default/payments',
  serviceType: 'nodejs',
};

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(path.join(dir, rel), {
    withFileTypes: true,
  })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

describe('stack:generate', () => {
  it('builds a valid stack from the form, with the ticked data components linked to the service', async () => {
    const { ctx, workspacePath } = await run({
      ...form,
      extras: ['database', 'queue', 'bucket', 'cache'],
    });
    const parsed = parseStackYaml(
      await fs.readFile(path.join(workspacePath, 'stack.yaml'), 'utf8'),
    );
    expect(parsed.ok).toBe(true);
    const stack = (parsed as any).stack;
    expect(
      stack.spec.components.map((c: any) => `${c.name}:${c.type}`),
    ).toEqual([
      'payments-api:nodejs',
      'db:postgres',
      'mq:rabbitmq',
      'store:minio',
      'cache:redis',
    ]);
    expect(stack.spec.links).toEqual([
      { from: 'payments-api', to: 'db/payments-api' },
      { from: 'payments-api', to: 'mq/payments-api-events' },
      { from: 'payments-api', to: 'store/payments-api-files' },
      { from: 'payments-api', to: 'cache/cache' },
    ]);
    const files = await listFiles(workspacePath);
    for (const env of ['dev', 'stage', 'prod']) {
      expect(files).toContain(`deploy/overlays/${env}/kustomization.yaml`);
    }
    expect(files).toContain('deploy/base/kustomization.yaml');
    expect(ctx.output).toHaveBeenCalledWith('fileCount', files.length);
    expect(ctx.output).toHaveBeenCalledWith('components', [
      'payments-api',
      'db',
      'mq',
      'store',
      'cache',
    ]);
  });

  it('writes the same files in a dry run, and the same bytes every time (a retry rewrites them identically)', async () => {
    const a = await run({ ...form, extras: ['database'] });
    const b = await run({ ...form, extras: ['database'] }, {}, true);
    const filesA = await listFiles(a.workspacePath);
    expect(await listFiles(b.workspacePath)).toEqual(filesA);
    for (const f of filesA) {
      expect(await fs.readFile(path.join(b.workspacePath, f), 'utf8')).toBe(
        await fs.readFile(path.join(a.workspacePath, f), 'utf8'),
      );
    }
  });

  it('reads a stack.yaml from the workspace, the form values winning over the file', async () => {
    const text = await fs.readFile(FULLSTACK, 'utf8');
    const { ctx, workspacePath } = await run(
      {
        stackFile: 'stack.yaml',
        name: 'shop2',
        owner: 'group:default/payments',
      },
      { 'stack.yaml': text },
    );
    const stack = (
      parseStackYaml(
        await fs.readFile(path.join(workspacePath, 'stack.yaml'), 'utf8'),
      ) as any
    ).stack;
    expect(stack.metadata.name).toBe('shop2');
    expect(stack.metadata.system).toBe('commerce');
    expect(ctx.output).toHaveBeenCalledWith('components', FULLSTACK_COMPONENTS);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'an upper-case name',
      { name: 'Payments' },
      /name: metadata\.name: "Payments" is not a DNS-1123 label.*\[dns-1123-label\]/,
    ],
    [
      'a name with an underscore',
      { name: 'pay_ments' },
      /name: metadata\.name: .*not a DNS-1123 label/,
    ],
    [
      'a name longer than 63',
      { name: 'a'.repeat(64) },
      /name: metadata\.name: .*longer than 63/,
    ],
    [
      'a reserved name',
      { name: 'backstage' },
      /name: "backstage" is reserved for the platform/,
    ],
    [
      'a kube-* name',
      { name: 'kube-proxy' },
      /name: "kube-proxy" is reserved: kube-\* belongs to Kubernetes/,
    ],
    [
      'a system giving kube-* namespaces',
      { system: 'kube-tools' },
      /system: metadata\.system: .*reserved namespaces/,
    ],
    [
      'an unknown owner',
      { owner: 'group:default/nobody' },
      /owner: group:default\/nobody does not exist in the catalog/,
    ],
    [
      'an owner that is not a group or user',
      { owner: 'component:default/x' },
      /owner: "component:default\/x" must be a Group or a User/,
    ],
    [
      'a system too long for the system topic',
      { system: 'a'.repeat(40) },
      /system: "a{40}" is longer than 39 characters; the GitHub topic idp-system-<system>/,
    ],
    [
      'a port out of range',
      { port: 70000 },
      /port: spec\.components\[0\]\.port: 70000 is outside 1–65535/,
    ],
    [
      'an unknown extra',
      { extras: ['kafka'] },
      /extras: "kafka" is not one of database, queue, bucket, cache/,
    ],
    [
      'a missing system',
      { system: undefined },
      /system: required unless stackFile/,
    ],
    [
      'a bad environment hostname',
      { environments: { prod: { hostname: 'Not A Host' } } },
      /environments: spec\.environments\.prod\.hostname/,
    ],
  ])(
    'rejects %s, naming the field and writing nothing',
    async (_n, patch, expected) => {
      const ws = await makeWorkspace({});
      const ctx = createMockActionContext({
        input: { ...form, ...patch } as any,
        workspacePath: ws,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(expected);
      expect(await listFiles(ws)).toEqual([]);
    },
  );

  it('adds the components and links of a design, its links wired in deploy/', async () => {
    const { ctx, workspacePath } = await run({
      ...form,
      extras: ['database'],
      design: {
        components: [{ name: 'worker', type: 'nodejs', port: 9090 }],
        links: [
          { from: 'payments-api', to: 'worker' },
          { from: 'worker', to: 'db/payments-api' },
        ],
      },
    });
    expect(ctx.output).toHaveBeenCalledWith('components', [
      'payments-api',
      'db',
      'worker',
    ]);
    const stack = (
      parseStackYaml(
        await fs.readFile(path.join(workspacePath, 'stack.yaml'), 'utf8'),
      ) as any
    ).stack;
    expect(stack.spec.links).toEqual([
      { from: 'payments-api', to: 'db/payments-api' },
      { from: 'payments-api', to: 'worker' },
      { from: 'worker', to: 'db/payments-api' },
    ]);
    const files = await listFiles(workspacePath);
    expect(files.filter(f => f.startsWith('deploy/base/worker/'))).not.toEqual(
      [],
    );
    // payments-api → worker: the caller gets the worker's in-cluster URL.
    const base = (
      await Promise.all(
        files
          .filter(f => f.startsWith('deploy/base/'))
          .map(f => fs.readFile(path.join(workspacePath, f), 'utf8')),
      )
    ).join('\n---\n');
    expect(base).toContain('WORKER_URL');
    expect(base).toContain('http://worker:9090');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a component named like a generated one',
      { components: [{ name: 'db', type: 'redis' }], links: [] },
      /design: components\[0\]\.name: "db" is already the name of spec\.components\[1\] \[unique-name\]/,
    ],
    [
      'a link to an unknown component',
      {
        components: [{ name: 'worker', type: 'nodejs' }],
        links: [{ from: 'worker', to: 'nowhere' }],
      },
      /design: links\[0\]\.to: .*nowhere.* \[link-target\]/,
    ],
    [
      'a component of an unknown type',
      { components: [{ name: 'worker', type: 'java' }] },
      /design: components\[0\].*\[component-type\]/,
    ],
  ])(
    'rejects a design with %s, naming the field and writing nothing',
    async (_n, design, expected) => {
      const ws = await makeWorkspace({});
      const ctx = createMockActionContext({
        input: { ...form, extras: ['database'], design } as any,
        workspacePath: ws,
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(expected);
      expect(await listFiles(ws)).toEqual([]);
    },
  );

  it('adds a design to a stack.yaml read from the workspace, a clash there naming the design too', async () => {
    const text = await fs.readFile(FULLSTACK, 'utf8');
    const { ctx } = await run(
      {
        stackFile: 'stack.yaml',
        owner: 'group:default/payments',
        design: {
          components: [{ name: 'reports', type: 'fastapi' }],
          links: [{ from: 'web', to: 'reports', pathPrefix: '/reports' }],
        },
      },
      { 'stack.yaml': text },
    );
    expect(ctx.output).toHaveBeenCalledWith('components', [
      ...FULLSTACK_COMPONENTS,
      'reports',
    ]);
    await expect(
      run(
        {
          stackFile: 'stack.yaml',
          owner: 'group:default/payments',
          design: { components: [{ name: 'web', type: 'frontend' }] },
        },
        { 'stack.yaml': text },
      ),
    ).rejects.toThrow(/design: components\[0\]\.name: "web" .*\[unique-name\]/);
  });

  it('rejects a stack.yaml that is not in the workspace or is invalid, writing nothing', async () => {
    await expect(run({ stackFile: 'missing.yaml' })).rejects.toThrow(
      /stackFile: missing.yaml is not in the workspace/,
    );
    const ws = await makeWorkspace({
      'stack.yaml':
        'apiVersion: idp.platform/v1alpha1\nkind: Stack\nmetadata: {name: x}\n',
    });
    const ctx = createMockActionContext({
      input: { stackFile: 'stack.yaml' } as any,
      workspacePath: ws,
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /The stack stack.yaml is invalid/,
    );
    expect(await listFiles(ws)).toEqual(['stack.yaml']);
  });
});
