export { generateCatalogEntities } from './generateCatalogEntities';
export { serializeCatalogEntities } from './serializeCatalogEntities';
export { ANNOTATIONS, IDP_TOPIC, REPO_LABEL, STACK_FILE } from './annotations';
export { entityNameOf, apiNameOf, mainComponent, CATALOG_COMPONENT_TYPE } from './entityNames';
export type { CatalogEntity, CatalogOptions } from './types';
