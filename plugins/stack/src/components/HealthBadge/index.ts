export { HealthBadge } from './HealthBadge';
export type { HealthBadgeProps } from './HealthBadge';
