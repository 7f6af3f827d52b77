import { stringify } from 'yaml';

/**
 * `lineWidth: 0`: no line folding, so output is stable. `aliasDuplicateObjects:
 * false`: shared objects (labels) are written out, never as anchors. `directives:
 * false`: manifests never carry `%YAML`/`%TAG`, so the library need not walk every
 * node of every document looking for tags (≈ 13 % of stringify time, README § Benchmark).
 */
const MANIFEST_YAML = { lineWidth: 0, aliasDuplicateObjects: false, directives: false } as const;

/** One YAML document per object, `---` between them. */
export function toYaml(objects: readonly unknown[]): string {
  return objects.map(o => stringify(o, MANIFEST_YAML)).join('---\n');
}

/** `HorizontalPodAutoscaler` → `horizontal-pod-autoscaler`. */
export function kindFileName(kind: string): string {
  return `${kind.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}.yaml`;
}

export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
