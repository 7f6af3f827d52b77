import { createFrontendModule, PageBlueprint } from '@backstage/frontend-plugin-api';
import { CatalogTable } from '@backstage/plugin-catalog';
import catalogPlugin, { CatalogIndexPage } from '@backstage/plugin-catalog/alpha';
import { createStackHealthColumn } from '@internal/plugin-stack';
import CategoryIcon from '@material-ui/icons/Category';

const healthColumn = createStackHealthColumn();

/**
 * The catalog page with a Health column (one `POST /api/stack/health/batch`
 * per table page). The new frontend system's `page:catalog` takes no column
 * input, so this module replaces that extension with the same page plus
 * the column; `app.extensions` config of `page:catalog` (path, title) still
 * applies. Filters are the catalog's defaults.
 */
export const stackCatalogColumnModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    PageBlueprint.make({
      params: {
        path: '/catalog',
        routeRef: catalogPlugin.routes.catalogIndex,
        title: 'Catalog',
        icon: <CategoryIcon fontSize="inherit" />,
        loader: async () => (
          <CatalogIndexPage
            pagination
            columns={context => [...CatalogTable.defaultColumnsFunc(context), healthColumn as any]}
          />
        ),
      },
    }),
  ],
});
