/**
 * Turns `kind:namespace/name` (namespace optional, `default` then) into the
 * `kind/namespace/name` URL path the stack backend routes take.
 */
export function entityRefToPath(entityRef: string): string {
  const match = /^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/.exec(entityRef);
  if (!match) {
    throw new TypeError(
      `entityRef "${entityRef}" must have the form kind:namespace/name or kind:name`,
    );
  }
  const [, kind, namespace = 'default', name] = match;
  return [kind, namespace, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/');
}
