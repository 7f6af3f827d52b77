/** Kubernetes resource quantity syntax (k8s.io/apimachinery resource.Quantity). */
export const QUANTITY =
  /^[+]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[mkMGTPE]|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Numeric value of a quantity, or undefined when it is not one. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(q);
  if (!m) return undefined;
  const base = Number(m[1]);
  const suffix = m[3] ?? '';
  if (/^[eE]/.test(suffix)) return base * 10 ** Number(suffix.slice(1));
  return base * SUFFIX[suffix];
}
