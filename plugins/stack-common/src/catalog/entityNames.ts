import type { Stack, StackComponent } from '../schema/stackSchema';
import { CATALOG_COMPONENT_TYPE, roleOf } from '../componentTypes/registry';

/**
 * The service that carries the stack's own name in the catalog
 * (docs/conventions.md): the component named like the stack, else the first
 * backend service, else the first frontend.
 */
export function mainComponent(stack: Stack): StackComponent | undefined {
  const cs = stack.spec.components;
  return (
    cs.find(
      c => c.name === stack.metadata.name && c.type in CATALOG_COMPONENT_TYPE,
    ) ??
    cs.find(c => roleOf(c.type) === 'service') ??
    cs.find(c => roleOf(c.type) === 'frontend')
  );
}

const MAX_NAME = 63;

/** FNV-1a, enough to keep shortened names distinct (no Node crypto: isomorphic). */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0').slice(0, 7);
}

/** Keeps a catalog name within 63 characters, stably. */
export function fitName(name: string): string {
  if (name.length <= MAX_NAME) return name;
  return `${name.slice(0, MAX_NAME - 8).replace(/-+$/, '')}-${shortHash(name)}`;
}

/**
 * Catalog names are global, component names only unique inside a stack: every
 * entity but the main service is prefixed with the stack name.
 */
export function entityNameOf(
  stack: Stack,
  component: string,
  sub?: string,
): string {
  const main = mainComponent(stack);
  if (!sub && main?.name === component) return stack.metadata.name;
  const base =
    component === stack.metadata.name
      ? component
      : `${stack.metadata.name}-${component}`;
  return fitName(sub ? `${base}-${sub}` : base);
}

/** Name of the API a service provides. */
export function apiNameOf(stack: Stack, component: string): string {
  return fitName(`${entityNameOf(stack, component)}-api`);
}
