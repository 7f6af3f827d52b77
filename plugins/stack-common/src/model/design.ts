import type { StackComponent, StackLink } from '../schema/stackSchema';

/**
 * The value of the `StackDesigner` form field, which the `stack:generate`
 * action appends to the stack it builds: components and links to add.
 */
export interface StackDesign {
  components: StackComponent[];
  links?: StackLink[];
}
