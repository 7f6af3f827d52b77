type Obj = Record<string, any>;

/** A JSON text with keys sorted, so that equal objects print equal. */
export const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : x,
  );

/**
 * What a set of NetworkPolicies means (additive semantics, see
 * mergeNetworkPolicies): which pods are isolated in which direction, and each
 * (pods, direction, peer, port) it allows. Equal lists mean equal traffic
 * (selectors are compared as written, which is stricter than comparing the
 * pods they select); used by the kustomize benchmark and the merge's tests.
 */
export function policyMeaning(policies: Obj[]): string[] {
  const out = new Set<string>();
  for (const p of policies) {
    const pods = canonical([p.metadata.namespace, p.spec.podSelector]);
    for (const type of p.spec.policyTypes as string[]) {
      out.add(`isolates ${pods} ${type}`);
      const [field, peersField] =
        type === 'Ingress' ? ['ingress', 'from'] : ['egress', 'to'];
      for (const rule of (p.spec[field] ?? []) as Obj[]) {
        // An empty or missing list matches every peer / port.
        const peers: (Obj | undefined)[] = rule[peersField]?.length
          ? rule[peersField]
          : [undefined];
        const ports: (Obj | undefined)[] = rule.ports?.length
          ? rule.ports
          : [undefined];
        for (const peer of peers)
          for (const port of ports)
            out.add(
              `allows ${pods} ${type} ${canonical(peer ?? 'any')} ${canonical(
                port ?? 'any',
              )}`,
            );
      }
    }
  }
  return [...out].sort();
}
