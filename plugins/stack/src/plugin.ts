import {
  createApiFactory,
  createComponentExtension,
  createRoutableExtension,
  createRouteRef,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { stackApiRef } from './api/stackApiRef';
import { PublishingNotice } from './components/PublishingNotice';
import { createStackApi } from './api/createStackApi';
import {
  LazyStackDesignerField,
  lazyStackDesignerValidation,
} from './components/StackDesignerField/LazyStackDesignerField';

/** The stack frontend plugin for apps on the legacy frontend system. */
export const stackPlugin = createPlugin({
  id: 'stack',
  apis: [
    createApiFactory({
      api: stackApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: createStackApi,
    }),
  ],
});

/** Topology tab: `<EntityLayout.Route path="/topology" title="Topology">`. */
export const EntityStackTopologyContent = stackPlugin.provide(
  createComponentExtension({
    name: 'EntityStackTopologyContent',
    component: {
      lazy: () =>
        import('./components/EntityTopologyContent').then(
          m => m.EntityTopologyContent,
        ),
    },
  }),
);

/** Health tab: service × environment matrix. */
export const EntityStackHealthContent = stackPlugin.provide(
  createComponentExtension({
    name: 'EntityStackHealthContent',
    component: {
      lazy: () =>
        import('./components/EntityHealthContent').then(
          m => m.EntityHealthContent,
        ),
    },
  }),
);

/** Builds tab: workflow runs and their deployment per environment. */
export const EntityStackBuildsContent = stackPlugin.provide(
  createComponentExtension({
    name: 'EntityStackBuildsContent',
    component: {
      lazy: () =>
        import('./components/EntityBuildsContent').then(
          m => m.EntityBuildsContent,
        ),
    },
  }),
);

/** Overview card with a health badge per environment. */
export const EntityStackHealthCard = stackPlugin.provide(
  createComponentExtension({
    name: 'EntityStackHealthCard',
    component: {
      lazy: () =>
        import('./components/StackHealthCard').then(m => m.StackHealthCard),
    },
  }),
);

/** Loose-stacks page: `<Route path="/loose-stacks" element={<LooseStacksPage />} />`. */
export const looseStacksRouteRef = createRouteRef({ id: 'stack:loose-stacks' });
export const LooseStacksPage = stackPlugin.provide(
  createRoutableExtension({
    name: 'LooseStacksPage',
    mountPoint: looseStacksRouteRef,
    component: () =>
      import('./components/LooseStacksPage').then(m => m.LooseStacksPage),
  }),
);

/** Overview notice: why the entity's repository deploys nothing (empty otherwise). */
export const EntityLooseStacksNotice = stackPlugin.provide(
  createComponentExtension({
    name: 'EntityLooseStacksNotice',
    component: {
      lazy: () =>
        import('./components/EntityLooseStacksNotice').then(
          m => m.EntityLooseStacksNotice,
        ),
    },
  }),
);

/** `ui:field: StackDesigner` for `<ScaffolderFieldExtensions>`. */
export const StackDesignerFieldExtension = stackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'StackDesigner',
    component: LazyStackDesignerField,
    validation: lazyStackDesignerValidation,
  }),
);

/** `ui:field: StackPublishingNotice`: says on a form's first page that publishing needs GitHub. */
export const StackPublishingNoticeFieldExtension = stackPlugin.provide(
  createScaffolderFieldExtension({
    name: 'StackPublishingNotice',
    component: PublishingNotice,
  }),
);
