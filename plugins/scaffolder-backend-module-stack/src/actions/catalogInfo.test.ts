import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  makeWorkspace,
  testIntegrations,
} from '../__testUtils__/publishFixture';
import { validateEntity } from '../catalog/validateEntity';
import { createCatalogInfoAction } from './catalogInfo';

const FIXTURES = path.resolve(__dirname, '../../../stack-common/fixtures');
const action = createCatalogInfoAction({ integrations: testIntegrations });

async function run(
  input: Record<string, unknown>,
  stackText?: string,
  dryRun = false,
) {
  const workspacePath = await makeWorkspace(
    stackText ? { 'stack.yaml': stackText } : {},
  );
  const ctx = createMockActionContext({ input: input as any, workspacePath });
  await action.handler((dryRun ? { ...ctx, isDryRun: true } : ctx) as any);
  const text = await fs.readFile(
    path.join(workspacePath, 'catalog-info.yaml'),
    'utf8',
  );
  return { ctx, docs: parseAllDocuments(text).map(d => d.toJS()) };
}

describe('stack:catalog-info', () => {
  it('writes catalog-info.yaml for every fixture, each entity valid for the catalog', async () => {
    for (const file of await fs.readdir(FIXTURES)) {
      const text = await fs.readFile(path.join(FIXTURES, file), 'utf8');
      const name = /^\s*name: (\S+)/m.exec(text.split('metadata:')[1])![1];
      const { docs, ctx } = await run(
        { repoUrl: `github.com?owner=acme&repo=${name}` },
        text,
      );
      expect(docs.length).toBeGreaterThan(2);
      for (const doc of docs)
        await expect(validateEntity(doc)).resolves.toBeUndefined();
      expect(ctx.output).toHaveBeenCalledWith(
        'catalogInfoPath',
        '/catalog-info.yaml',
      );
    }
  });

  it('outputs the main service as entityRef and annotates it for the health plugins', async () => {
    const text = await fs.readFile(
      path.join(FIXTURES, 'fullstack.yaml'),
      'utf8',
    );
    const { ctx, docs } = await run(
      { repoUrl: 'github.com?owner=acme&repo=shop', lifecycle: 'production' },
      text,
      true,
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/shop',
    );
    const main = docs.find(
      d => d.kind === 'Component' && d.metadata.name === 'shop',
    );
    expect(main.spec.lifecycle).toBe('production');
    expect(main.metadata.annotations['github.com/project-slug']).toBe(
      'acme/shop',
    );
    expect(main.metadata.annotations['argocd/app-selector']).toBe(
      'idp.platform/repo=shop',
    );
  });

  it('the validator it relies on rejects what the catalog would reject', async () => {
    const bad = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'Not valid!' },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'group:x' },
    };
    await expect(validateEntity(bad)).rejects.toThrow(/metadata\.name/);
    await expect(
      validateEntity({
        ...bad,
        metadata: { name: 'ok' },
        spec: { type: 'service' },
      }),
    ).rejects.toThrow(/lifecycle|owner/);
  });

  it('is registered under the name platform teams know as well', () => {
    expect(
      createCatalogInfoAction({
        integrations: testIntegrations,
        id: 'template:catalog-info-handler',
      }).id,
    ).toBe('template:catalog-info-handler');
  });

  it.each<[string, Record<string, unknown>, string | undefined, RegExp]>([
    [
      'no stack.yaml',
      { repoUrl: 'github.com?owner=acme&repo=shop' },
      undefined,
      /stackFile: stack.yaml is not in the workspace; run stack:generate first/,
    ],
    [
      'an invalid stack.yaml',
      { repoUrl: 'github.com?owner=acme&repo=shop' },
      'kind: Nope\n',
      /stackFile: stack.yaml is invalid/,
    ],
    [
      'a repository not named like the stack',
      { repoUrl: 'github.com?owner=acme&repo=other' },
      'FULLSTACK',
      /repoUrl: the repository "other" must be named like the stack, "shop"/,
    ],
    [
      'an empty lifecycle',
      { repoUrl: 'github.com?owner=acme&repo=shop', lifecycle: '' },
      'FULLSTACK',
      /component:default\/shop-web would be rejected by the catalog: .*lifecycle/,
    ],
  ])('rejects %s', async (_n, input, stackText, expected) => {
    const text =
      stackText === 'FULLSTACK'
        ? await fs.readFile(path.join(FIXTURES, 'fullstack.yaml'), 'utf8')
        : stackText;
    await expect(run(input, text)).rejects.toThrow(expected);
  });
});
