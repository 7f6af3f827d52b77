import { createElement } from 'react';
import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import LinkOffIcon from '@material-ui/icons/LinkOff';
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

/**
 * `entity-card:stack/loose-notice` on Systems and Components: why the
 * repository deploys nothing, or runs without its repository; empty otherwise.
 */
export const stackLooseStacksNotice = EntityCardBlueprint.make({
  name: 'loose-notice',
  params: {
    filter: isSystemOrComponent,
    loader: () =>
      import('./components/EntityLooseStacksNotice').then(m =>
        createElement(m.EntityLooseStacksNotice),
      ),
  },
});

/** The loose-stacks page's route; the app's nav lists pages with a route ref, title and icon. */
export const looseStacksRouteRef = createRouteRef();

/** `page:stack/loose-stacks` at `/loose-stacks`, a sidebar item (title and icon). */
export const looseStacksPage = PageBlueprint.make({
  name: 'loose-stacks',
  params: {
    path: '/loose-stacks',
    routeRef: looseStacksRouteRef,
    title: 'Loose stacks',
    icon: createElement(LinkOffIcon),
    loader: () =>
      import('./components/LooseStacksPage').then(m =>
        createElement(m.LooseStacksPage),
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
  routes: { looseStacks: looseStacksRouteRef },
  extensions: [
    stackApi,
    stackTopologyContent,
    stackHealthContent,
    stackBuildsContent,
    stackHealthCard,
    stackLooseStacksNotice,
    looseStacksPage,
    stackDesignerFormField,
    stackPublishingNoticeFormField,
  ],
});
