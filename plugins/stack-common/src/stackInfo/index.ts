export type {
  EntityStack,
  StackUnavailable,
  StackUnavailableDetails,
  StackUnavailableReason,
} from './types';
export { stackUnavailableOf } from './stackUnavailableOf';
