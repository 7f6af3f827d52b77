export * from './types';
export { StackHealthClient, StackHealthApiError } from './StackHealthClient';
export type {
  StackHealthDiscovery,
  StackHealthFetch,
} from './StackHealthClient';
export { entityRefToPath } from './entityRefToPath';
export type * from './promotionTypes';
