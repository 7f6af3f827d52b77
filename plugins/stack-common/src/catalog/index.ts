export { generateCatalogEntities } from './generateCatalogEntities';
export { serializeCatalogEntities } from './serializeCatalogEntities';
export { entityNameOf, apiNameOf, mainComponent } from './entityNames';
export type { CatalogEntity, CatalogOptions } from './types';
