import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  EntityContentBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import stackPlugin, {
  stackBuildsContent,
  stackDesignerFormField,
  stackHealthCard,
  stackHealthContent,
  stackTopologyContent,
} from './alpha';
import { stackApiRef } from './api/stackApiRef';
import { catalogEntity, fakeStackApi } from './__testUtils__/fixtures';
import { entityBuilds } from './__testUtils__/builds';
import {
  StackDesignerField,
  stackDesignerValidation,
} from './components/StackDesignerField';

// Whole pages with Backstage's Table and MUI inputs: the first render of a
// file takes over 5 s when the two shared cores are busy.
jest.setTimeout(20_000);

const system = catalogEntity('System', 'shop');
const group = catalogEntity('Group', 'team');
const withRepo = catalogEntity('Component', 'shop', {
  annotations: { 'github.com/project-slug': 'acme/shop' },
});

describe('stack plugin (new frontend system)', () => {
  it('is plugin "stack" with the api, three tabs, a card and the form field', () => {
    expect(stackPlugin.id).toBe('stack');
    for (const id of [
      'api:stack',
      'entity-content:stack/topology',
      'entity-content:stack/health',
      'entity-content:stack/builds',
      'entity-card:stack/health',
      'entity-card:stack/loose-notice',
      'page:stack/loose-stacks',
      'scaffolder-form-field:stack/designer',
    ]) {
      expect(stackPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the tabs at their paths, on the right entities', () => {
    const mounted = (extension: typeof stackTopologyContent) => {
      const tester = createExtensionTester(extension);
      return [
        tester.get(coreExtensionData.routePath),
        tester.get(EntityContentBlueprint.dataRefs.title),
      ];
    };
    expect(mounted(stackTopologyContent)).toEqual(['/topology', 'Topology']);
    expect(
      mounted(stackHealthContent as unknown as typeof stackTopologyContent),
    ).toEqual(['/health', 'Health']);
    expect(
      mounted(stackBuildsContent as unknown as typeof stackTopologyContent),
    ).toEqual(['/builds', 'Builds']);
    const topologyFilter = createExtensionTester(stackTopologyContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect([topologyFilter(system), topologyFilter(group)]).toEqual([
      true,
      false,
    ]);
    const buildsFilter = createExtensionTester(stackBuildsContent).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;
    expect([
      buildsFilter(withRepo),
      buildsFilter(catalogEntity('Component', 'x')),
    ]).toEqual([true, false]);
    const cardFilter = createExtensionTester(stackHealthCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(cardFilter(group)).toBe(false);
  });

  it('renders the builds tab through its extension', async () => {
    const stackApi = fakeStackApi({
      getBuilds: jest.fn().mockResolvedValue(entityBuilds()),
    });
    const element = createExtensionTester(stackBuildsContent).reactElement();
    await renderInTestApp(
      <EntityProvider entity={withRepo}>{element}</EntityProvider>,
      {
        apis: [[stackApiRef, stackApi]],
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Workflow runs' }),
    ).toBeInTheDocument();
  });

  it('provides the StackDesigner form field lazily', async () => {
    const loader = createExtensionTester(stackDesignerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await loader()) as any;
    // The opaque FormField carries the options it was created with.
    expect(field.name).toBe('StackDesigner');
    expect(field.component).toBe(StackDesignerField);
    expect(field.validation).toBe(stackDesignerValidation);
  });
});
