export { TopologyGraph } from './TopologyGraph';
export type { NodeHealth, TopologyGraphProps } from './TopologyGraph';
