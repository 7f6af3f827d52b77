import { Stack, StackComponent } from '../schema/stackSchema';
import { Additions, GenerationContext } from '../generator/types';
import { workloadDefaults } from './workload';

/** Per-type defaults; data components bring their operator resources. */
export function componentDefaults(stack: Stack, c: StackComponent, ctx: GenerationContext): Additions {
  switch (c.type) {
    case 'nodejs':
    case 'fastapi':
    case 'frontend':
      return workloadDefaults(stack, c, ctx);
    default:
      return {};
  }
}
