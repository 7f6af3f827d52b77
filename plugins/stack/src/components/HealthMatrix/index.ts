export { HealthMatrix } from './HealthMatrix';
export type { HealthMatrixProps, HealthMatrixRow } from './HealthMatrix';
