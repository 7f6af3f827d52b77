import { ENVIRONMENTS, namespaceFor } from '../schema/names';
import { apiVersionsFor } from '../model/versions';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { schemaProblems } from '../testUtils/kubeSchemas';
import { generateManifests } from './generateManifests';

describe.each(fixtureNames())('fixture %s rendered by kubectl kustomize', name => {
  const stack = loadFixture(name);
  const minor = apiVersionsFor(stack.spec.kubernetesVersion).minor;
  let root: string;
  beforeAll(() => {
    root = writeTree(generateManifests(stack));
  });
  afterAll(() => removeTree(root));

  it.each([...ENVIRONMENTS])('%s overlay renders, every object is schema-valid and namespaced correctly', async env => {
    const objects = await kustomize(root, env);
    expect(objects.length).toBeGreaterThan(3);
    expect(objects.flatMap(o => schemaProblems(o, minor))).toEqual([]);
    const ns = namespaceFor(stack, env);
    // Only the Namespace is cluster-scoped (the workloads AppProject allows nothing else).
    const namespaces = objects.filter(o => o.kind === 'Namespace');
    expect(namespaces.map(o => o.metadata.name)).toEqual([ns]);
    for (const o of objects.filter(x => x.kind !== 'Namespace')) {
      expect(`${o.kind}/${o.metadata.name}: ${o.metadata.namespace}`).toBe(`${o.kind}/${o.metadata.name}: ${ns}`);
      expect(o.metadata.labels?.['idp.platform/environment']).toBe(env);
    }
  });
});
