import { createElement } from 'react';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { stackApiRef } from './api/stackApiRef';
import { createStackApi } from './api/createStackApi';
import { hasRepository, isSystemOrComponent } from './lib/entityFilters';

/** `api:stack`: the stack backend client. */
export const stackApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: stackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: createStackApi,
    }),
});

/** `entity-content:stack/topology` on Systems and Components. */
export const stackTopologyContent = EntityContentBlueprint.make({
  name: 'topology',
  params: {
    path: '/topology',
    title: 'Topology',
    filter: isSystemOrComponent,
    loader: () =>
      import('./components/EntityTopologyContent').then(m =>
        createElement(m.EntityTopologyContent),
      ),
  },
});

/** `entity-content:stack/health` on Systems and Components. */
export const stackHealthContent = EntityContentBlueprint.make({
  name: 'health',
  params: {
    path: '/health',
    title: 'Health',
    filter: isSystemOrComponent,
    loader: () =>
      import('./components/EntityHealthContent').then(m =>
        createElement(m.EntityHealthContent),
      ),
  },
});

/** `entity-content:stack/builds` on Components with a GitHub repository. */
export const stackBuildsContent = EntityContentBlueprint.make({
  name: 'builds',
  params: {
    path: '/builds',
    title: 'Builds',
    filter: hasRepository,
    loader: () =>
      import('./components/EntityBuildsContent').then(m =>
        createElement(m.EntityBuildsContent),
      ),
  },
});

/** `entity-card:stack/health` on the overview of Systems and Components. */
export const stackHealthCard = EntityCardBlueprint.make({
  name: 'health',
  params: {
    filter: isSystemOrComponent,
    loader: () =>
      import('./components/StackHealthCard').then(m =>
        createElement(m.StackHealthCard),
      ),
  },
});

/** `scaffolder-form-field:stack/designer`: `ui:field: StackDesigner`. */
export const stackDesignerFormField = FormFieldBlueprint.make({
  name: 'designer',
  params: {
    field: () =>
      import('./components/StackDesignerField/formField').then(
        m => m.stackDesignerFormField,
      ),
  },
});

/** `scaffolder-form-field:stack/publishing-notice`: `ui:field: StackPublishingNotice`. */
export const stackPublishingNoticeFormField = FormFieldBlueprint.make({
  name: 'publishing-notice',
  params: {
    field: () =>
      import('./components/PublishingNotice/formField').then(
        m => m.publishingNoticeFormField,
      ),
  },
});

/** The stack frontend plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'stack',
  title: 'Stack',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    stackApi,
    stackTopologyContent,
    stackHealthContent,
    stackBuildsContent,
    stackHealthCard,
    stackDesignerFormField,
    stackPublishingNoticeFormField,
  ],
});
