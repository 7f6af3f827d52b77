import { componentVersion } from '../../model/resolve';
import type { ComponentKind } from '../kind';
import { repositoryImage, nodeRuntimeEnv } from '../workload/image';
import { serviceLinks, workloadKind } from '../workload/kind';
import { nodejsComponentSchema, type NodejsComponent } from './schema';

/** A Node.js HTTP service of the golden path. */
export const nodejsKind: ComponentKind<NodejsComponent> = {
  ...workloadKind,
  type: 'nodejs',
  description: 'Node.js service',
  role: 'service',
  schema: nodejsComponentSchema,
  defaults: { version: '24', port: 3000 },
  image: repositoryImage,
  runtimeEnv: c => nodeRuntimeEnv(componentVersion(c)),
  links: serviceLinks,
  catalog: { kind: 'Component', type: 'service', providesApi: true },
  topology: 'service',
  starter: name => ({ name, type: 'nodejs' }),
};
