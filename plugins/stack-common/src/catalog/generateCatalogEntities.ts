import { subComponentsOf, resolveLinkEnd } from '../model/links';
import { podSelectorFor } from '../model/resolve';
import type { Stack, StackComponent } from '../schema/stackSchema';
import { ANNOTATIONS, REPO_LABEL, STACK_FILE } from '../conventions';
import { kindOfComponent, subComponentSpec } from '../componentTypes/registry';
import { apiNameOf, entityNameOf } from './entityNames';
import type { CatalogEntity, CatalogOptions } from './types';

/** Whether the component's catalog Component provides an HTTP API. */
const providesApi = (c: StackComponent) => {
  const catalog = kindOfComponent(c).catalog;
  return catalog.kind === 'Component' && catalog.providesApi;
};

/** A minimal OpenAPI document for a golden-path HTTP service. */
function openApiOf(stack: Stack, c: StackComponent): string {
  const title = entityNameOf(stack, c.name);
  const op = (summary: string) => ({
    get: { summary, responses: { '200': { description: 'OK' } } },
  });
  return JSON.stringify(
    {
      openapi: '3.0.3',
      info: {
        title,
        version: '0.1.0',
        description: c.description ?? `HTTP API of ${title}`,
      },
      paths: {
        '/health': op('Liveness'),
        '/ready': op('Readiness'),
        '/metrics': op('Prometheus metrics'),
      },
    },
    null,
    2,
  );
}

/**
 * Turns a stack into the catalog entities of its repository: a System, a
 * Component per service and frontend, a Resource per data component and per
 * sub-component, an API per backend service, with relations that mirror the
 * links and the annotations the health plugins read. Pure and deterministic.
 */
export function generateCatalogEntities(
  stack: Stack,
  options: CatalogOptions,
): CatalogEntity[] {
  const repo = options.repo ?? stack.metadata.name;
  const host = options.host ?? 'github.com';
  const lifecycle = options.lifecycle ?? 'experimental';
  const { owner, system } = stack.metadata;
  const components = stack.spec.components;

  // The Kubernetes tab lists the pods this selects in every namespace, so one
  // entity shows its pods in <system>-dev, -stage and -prod alike (no
  // kubernetes-namespace annotation: it allows a single namespace).
  const podSelectorOf = (component: string) => {
    const c = components.find(x => x.name === component)!;
    return Object.entries(podSelectorFor(stack, c))
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  };
  const annotationsFor = (component?: string): Record<string, string> => ({
    [ANNOTATIONS.projectSlug]: `${options.org}/${repo}`,
    [ANNOTATIONS.argocdAppSelector]: `${REPO_LABEL}=${repo}`,
    [ANNOTATIONS.sourceLocation]: `url:https://${host}/${options.org}/${repo}/tree/main/`,
    [ANNOTATIONS.stackFile]: STACK_FILE,
    ...(component
      ? {
          [ANNOTATIONS.kubernetesId]: component,
          [ANNOTATIONS.kubernetesLabelSelector]: podSelectorOf(component),
          [ANNOTATIONS.component]: component,
        }
      : {}),
  });

  // Relations that mirror the links, per source component.
  const dependsOn = new Map<string, Set<string>>();
  const consumesApis = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string) => {
    if (!map.has(key)) map.set(key, new Set());
    map.get(key)!.add(value);
  };
  for (const link of stack.spec.links ?? []) {
    const end = resolveLinkEnd(components, link.to);
    if (typeof end === 'string') continue; // validation reports broken links
    const target = end.component;
    if (kindOfComponent(target).catalog.kind === 'Component') {
      add(
        dependsOn,
        link.from,
        `component:${entityNameOf(stack, target.name)}`,
      );
      if (providesApi(target))
        add(consumesApis, link.from, `api:${apiNameOf(stack, target.name)}`);
    } else {
      add(
        dependsOn,
        link.from,
        `resource:${entityNameOf(stack, target.name, end.sub?.name)}`,
      );
    }
  }
  const sorted = (set?: Set<string>) => (set ? [...set].sort() : undefined);

  const entities: CatalogEntity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: system,
        description: stack.metadata.description,
        annotations: annotationsFor(),
      },
      spec: { owner },
    },
  ];

  for (const c of components) {
    const name = entityNameOf(stack, c.name);
    const catalog = kindOfComponent(c).catalog;
    if (catalog.kind === 'Component') {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name,
          description: c.description,
          annotations: annotationsFor(c.name),
          tags: [c.type],
        },
        spec: {
          type: catalog.type,
          lifecycle,
          owner,
          system,
          ...(providesApi(c)
            ? { providesApis: [`api:${apiNameOf(stack, c.name)}`] }
            : {}),
          ...(consumesApis.has(c.name)
            ? { consumesApis: sorted(consumesApis.get(c.name)) }
            : {}),
          ...(dependsOn.has(c.name)
            ? { dependsOn: sorted(dependsOn.get(c.name)) }
            : {}),
        },
      });
      if (providesApi(c)) {
        entities.push({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: {
            name: apiNameOf(stack, c.name),
            description: `HTTP API of ${name}`,
            annotations: annotationsFor(c.name),
          },
          spec: {
            type: 'openapi',
            lifecycle,
            owner,
            system,
            definition: openApiOf(stack, c),
          },
        });
      }
      continue;
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name,
        description: c.description,
        annotations: annotationsFor(c.name),
        tags: [c.type],
      },
      spec: { type: catalog.type, owner, system },
    });
    for (const sub of subComponentsOf(c)) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: entityNameOf(stack, c.name, sub.name),
          description: `${sub.kind} ${sub.name} of ${name}`,
          annotations: annotationsFor(c.name),
          tags: [c.type, sub.kind],
        },
        spec: {
          type: subComponentSpec(c.type, sub.kind)!.catalogType,
          owner,
          system,
          dependsOn: [`resource:${name}`],
        },
      });
    }
  }
  // No undefined values: YAML and catalog validation both dislike them.
  return JSON.parse(JSON.stringify(entities));
}
