import { selectorFor } from '../../model/resolve';
import type { ComponentKind } from '../kind';
import { workloadDefaults } from './manifests';
import type { ServiceComponent } from './schema';
import { serviceToService } from './serviceToService';

/** What every Deployment workload (services and frontends) shares. */
export const workloadKind: Pick<
  ComponentKind<ServiceComponent>,
  | 'subComponents'
  | 'uniqueNames'
  | 'checks'
  | 'manifests'
  | 'podSelector'
  | 'replicasPatch'
> = {
  subComponents: [],
  uniqueNames: [],
  checks: () => [],
  manifests: workloadDefaults,
  podSelector: (stack, c) => selectorFor(stack, c.name),
  // Overlays patch the Deployment itself (generateManifests), not a data resource.
  replicasPatch: () => undefined,
};

/** A service takes calls from other services. */
export const serviceLinks: ComponentKind['links'] = {
  asSource: [],
  asTarget: [{ peers: ['service'], rule: serviceToService, options: [] }],
};
