import { ENVIRONMENTS, namespaceFor } from '../schema/names';
import { apiVersionsFor } from '../model/versions';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { kustomize, removeTree, writeTree } from '../testUtils/render';
import { schemaProblems } from '../testUtils/kubeSchemas';
import { generateManifests } from './generateManifests';

describe.each(fixtureNames())(
  'fixture %s rendered by kubectl kustomize',
  name => {
    const stack = loadFixture(name);
    const minor = apiVersionsFor(stack.spec.kubernetesVersion).minor;
    let root: string;
    beforeAll(() => {
      root = writeTree(generateManifests(stack));
    });
    afterAll(() => removeTree(root));

    it.each([...ENVIRONMENTS])(
      '%s overlay renders, every object is schema-valid and namespaced correctly',
      async env => {
        const objects = await kustomize(root, env);
        expect(objects.length).toBeGreaterThan(3);
        expect(objects.flatMap(o => schemaProblems(o, minor))).toEqual([]);
        const ns = namespaceFor(stack, env);
        // Nothing cluster-scoped: the system's AppProject allows no cluster-scoped kind.
        for (const o of objects) {
          expect(`${o.kind}/${o.metadata.name}: ${o.metadata.namespace}`).toBe(
            `${o.kind}/${o.metadata.name}: ${ns}`,
          );
          expect(o.metadata.labels?.['idp.platform/environment']).toBe(env);
          expect(o.metadata.labels?.['idp.platform/system']).toBe(
            stack.metadata.system,
          );
        }
      },
    );
  },
);
