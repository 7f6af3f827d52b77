// Stacks and their catalog entities for topology tests and the merge benchmark.
import {
  generateCatalogEntities,
  parseStackYaml,
  type Stack,
} from '@idp-stack/plugin-stack-common';
import type { Entity } from '@backstage/catalog-model';

export function stackOf(yaml: string): Stack {
  const parsed = parseStackYaml(yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.stack;
}

/** The entities our catalog-info generator writes for a stack, with the relations the catalog would add. */
export function catalogOf(stack: Stack): Entity[] {
  const ref = (r: string, kind: string) =>
    r.includes(':') ? r.replace(':', ':default/') : `${kind}:default/${r}`;
  return generateCatalogEntities(stack, { org: 'acme' })
    .filter(e => e.kind !== 'System')
    .map(e => {
      const spec = e.spec as Record<string, string[] | undefined>;
      const relations = [
        ...(spec.dependsOn ?? []).map(t => ({
          type: 'dependsOn',
          targetRef: ref(t, 'component'),
        })),
        ...(spec.providesApis ?? []).map(t => ({
          type: 'providesApi',
          targetRef: ref(t, 'api'),
        })),
        ...(spec.consumesApis ?? []).map(t => ({
          type: 'consumesApi',
          targetRef: ref(t, 'api'),
        })),
      ];
      return {
        ...e,
        metadata: { ...e.metadata, namespace: 'default' },
        relations,
      } as Entity;
    });
}

/** `groups` × (a nodejs api, a postgres with one database, a rabbitmq with one queue + DLQ), api linked to both. */
export function bigStack(groups: number): Stack {
  const components = Array.from({ length: groups }, (_, i) => [
    { name: `api${i}`, type: 'nodejs' },
    { name: `db${i}`, type: 'postgres', databases: [{ name: `d${i}` }] },
    {
      name: `q${i}`,
      type: 'rabbitmq',
      queues: [{ name: `q${i}`, deadLetter: true }],
    },
  ]).flat();
  const links = Array.from({ length: groups }, (_, i) => [
    { from: `api${i}`, to: `db${i}/d${i}`, access: 'read' },
    { from: `api${i}`, to: `q${i}/q${i}` },
  ]).flat();
  return stackOf(
    JSON.stringify({
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'Stack',
      metadata: { name: 'big', system: 'big', owner: 'group:big' },
      spec: { components, links },
    }),
  );
}
