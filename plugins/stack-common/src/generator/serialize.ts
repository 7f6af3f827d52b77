import { manifestYaml } from '../yaml/manifestYaml';

/** One YAML document per object, `---` between them. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map(manifestYaml).join('---\n');
}

/** `HorizontalPodAutoscaler` → `horizontal-pod-autoscaler`. */
export function kindFileName(kind: string): string {
  return `${kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.yaml`;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
