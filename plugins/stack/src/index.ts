/**
 * Stack topology, per-environment health and builds, a catalog health
 * column and the StackDesigner scaffolder field (legacy frontend system;
 * the new frontend system's plugin is in `./alpha`).
 *
 * @packageDocumentation
 */
export {
  stackPlugin,
  EntityStackTopologyContent,
  EntityStackHealthContent,
  EntityStackBuildsContent,
  EntityStackHealthCard,
  EntityLooseStacksNotice,
  LooseStacksPage,
  StackDesignerFieldExtension,
  StackPublishingNoticeFieldExtension,
} from './plugin';
export { stackApiRef } from './api/stackApiRef';
export type { StackApi } from './api/stackApiRef';
export {
  createStackHealthColumn,
  EntityHealthCell,
} from './components/EntityHealthColumn';
export { useStackHealthBatch } from './hooks/useStackHealthBatch';
export type { StackHealthBatch } from './hooks/useStackHealthBatch';
export { TopologyGraph } from './components/TopologyGraph';
export type {
  NodeHealth,
  TopologyGraphProps,
} from './components/TopologyGraph';
export type { StackDesign } from './lib/stackDesign';
