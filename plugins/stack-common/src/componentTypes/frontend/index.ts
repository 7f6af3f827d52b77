import { componentVersion } from '../../model/resolve';
import type { ComponentKind } from '../kind';
import { repositoryImage, nodeRuntimeEnv } from '../workload/image';
import { workloadKind } from '../workload/kind';
import { frontendToService } from './frontendToService';
import { frontendComponentSchema, type FrontendComponent } from './schema';

/** A website (static or Next.js) that owns the root of the stack's hostname. */
export const frontendKind: ComponentKind<FrontendComponent> = {
  ...workloadKind,
  type: 'frontend',
  description: 'Website (static or Next.js)',
  role: 'frontend',
  schema: frontendComponentSchema,
  defaults: { version: '24', port: 8080 },
  image: repositoryImage,
  runtimeEnv: c => nodeRuntimeEnv(componentVersion(c)),
  links: {
    asSource: [
      { peers: ['service'], rule: frontendToService, options: ['pathPrefix'] },
    ],
    asTarget: [],
  },
  catalog: { kind: 'Component', type: 'website', providesApi: false },
  topology: 'frontend',
  starter: name => ({ name, type: 'frontend' }),
};
