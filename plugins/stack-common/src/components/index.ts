import { Stack, StackComponent } from '../schema/stackSchema';
import { Additions, GenerationContext } from '../generator/types';
import { workloadDefaults } from './workload';
import { postgresDefaults } from './postgres';
import { redisDefaults } from './redis';
import { rabbitmqDefaults } from './rabbitmq';
import { minioDefaults } from './minio';

/** Per-type defaults; data components bring their operator resources. */
export function componentDefaults(stack: Stack, c: StackComponent, ctx: GenerationContext): Additions {
  switch (c.type) {
    case 'nodejs':
    case 'fastapi':
    case 'frontend':
      return workloadDefaults(stack, c, ctx);
    case 'postgres':
      return postgresDefaults(stack, c);
    case 'redis':
      return redisDefaults(stack, c);
    case 'rabbitmq':
      return rabbitmqDefaults(stack, c);
    case 'minio':
      return minioDefaults(stack, c);
    default:
      throw new Error(`no defaults for component type ${(c as StackComponent).type}`);
  }
}
