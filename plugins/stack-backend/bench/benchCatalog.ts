import { Entity, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * One service entity per repository of the benches' `acme` organisation, by
 * ref, registered from a `url:` location (what the catalog writes for such a
 * registration, the trust source of the routes), with extra annotations.
 */
export function benchEntities(
  repos: string[],
  annotations: (repo: string) => Record<string, string> = () => ({}),
): Map<string, Entity> {
  return new Map(
    repos.map(repo => {
      const e: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: repo,
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `url:https://github.com/acme/${repo}/blob/main/catalog-info.yaml`,
            ...annotations(repo),
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      };
      return [stringifyEntityRef(e), e];
    }),
  );
}
