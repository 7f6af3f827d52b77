import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import type { TableColumn } from '@backstage/core-components';
import {
  CatalogTable,
  type CatalogTableColumnsFunc,
  type CatalogTableRow,
} from '@backstage/plugin-catalog';
import catalogPlugin, {
  CatalogIndexPage,
} from '@backstage/plugin-catalog/alpha';
import { createStackHealthColumn } from '@idp-stack/plugin-stack';
import CategoryIcon from '@material-ui/icons/Category';

const healthColumn = createStackHealthColumn<CatalogTableRow>();

const SIDE_PADDING = { paddingLeft: 8, paddingRight: 8 };
const CELL = { ...SIDE_PADDING, wordBreak: 'normal' as const };

/**
 * Columns sized by their content, cells keep whole words and use 8 px
 * side padding (Backstage's theme: 20).
 * Backstage's table cells may break a word anywhere (`word-break:
 * break-word`), so with nine columns at 1280 px Chrome shrinks Name and
 * System to a few letters per line.
 */
function keepWords(
  column: TableColumn<CatalogTableRow>,
): TableColumn<CatalogTableRow> {
  const { cellStyle } = column;
  return {
    ...column,
    // material-table gives each column without a width `calc(100% / n)`,
    // together more than the table; `auto` lets the table share the room.
    width: column.width ?? 'auto',
    cellStyle: (data, row) => ({
      ...(typeof cellStyle === 'function' ? cellStyle(data, row) : cellStyle),
      ...CELL,
    }),
    headerStyle: { ...column.headerStyle, ...SIDE_PADDING },
  };
}

/**
 * The catalog's default columns with Health after Lifecycle, whole words
 * and less padding, without Tags: at 1280 px the catalog table has about
 * 840 px, and with the golden path's tags a ninth column overflowed it by
 * 60 px (the layout test in e2e/stackPlugin.test.ts). Tags stay in the
 * catalog's Tags filter and on the entity page.
 */
export const catalogColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  const kept = columns.filter(c => c.field !== 'entity.metadata.tags');
  const description = kept.findIndex(
    c => c.field === 'entity.metadata.description',
  );
  const at = description < 0 ? kept.length : description;
  return [...kept.slice(0, at), healthColumn, ...kept.slice(at)].map(keepWords);
};

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
          <CatalogIndexPage pagination columns={catalogColumns} />
        ),
      },
    }),
  ],
});
