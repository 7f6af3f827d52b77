import { evaluate } from '@marcbachmann/cel-js';
import { readdirSync } from 'fs';
import { join } from 'path';
import { GITOPS_ROOT, readYamlDocuments } from '../manifestFiles';
import { groupOf } from '../resourceScope';

/**
 * Evaluates the ValidatingAdmissionPolicies under argocd/admission the way the
 * API server does for a CREATE of a namespaced object: bindings select by the
 * namespace's labels, policies by resource rules, then `variables` in order and
 * each validation; false (or an error, with failurePolicy Fail) denies. The CEL
 * itself runs on @marcbachmann/cel-js, a CEL implementation, using only
 * functions Kubernetes' CEL environment has too (has, all, exists, in,
 * startsWith, matches, size, string +, ternary).
 */

export interface Denial {
  policy: string;
  validation: number;
  message: string;
}

export const ADMISSION_DIR = join(GITOPS_ROOT, 'admission');

export function admissionDocuments(dir = ADMISSION_DIR): any[] {
  return readdirSync(dir)
    .filter(f => f.endsWith('.yaml') && f !== 'kustomization.yaml')
    .sort()
    .flatMap(f => readYamlDocuments(join(dir, f)));
}

/** JSON numbers that are integers are CEL `int`s in the API server's typed objects. */
function celValue(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(celValue);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, celValue(x)]),
    );
  return v;
}

// Plural resource names as discovery reports them, for the kinds our rules name.
export function resourceOf(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower.endsWith('y')) return `${lower.slice(0, -1)}ies`;
  if (lower.endsWith('s')) return `${lower}es`;
  return `${lower}s`;
}

function selectorMatches(
  selector: any,
  labels: Record<string, string>,
): boolean {
  if (!selector) return true;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );
  const byExpr = (selector.matchExpressions ?? []).every((e: any) => {
    switch (e.operator) {
      case 'Exists':
        return e.key in labels;
      case 'DoesNotExist':
        return !(e.key in labels);
      case 'In':
        return e.key in labels && e.values.includes(labels[e.key]);
      case 'NotIn':
        return !(e.key in labels) || !e.values.includes(labels[e.key]);
      default:
        throw new Error(`unknown selector operator ${e.operator}`);
    }
  });
  return byLabel && byExpr;
}

const matchesList = (list: string[] | undefined, value: string) =>
  (list ?? []).some(x => x === '*' || x === value);

function ruleMatches(rule: any, obj: any): boolean {
  const [group, version] = obj.apiVersion.includes('/')
    ? obj.apiVersion.split('/')
    : ['', obj.apiVersion];
  if ((rule.scope ?? '*') === 'Cluster') return false;
  return (
    matchesList(rule.apiGroups, group) &&
    matchesList(rule.apiVersions, version) &&
    matchesList(rule.operations, 'CREATE') &&
    matchesList(rule.resources, resourceOf(obj.kind))
  );
}

/** The policies (with their bindings) that apply to `obj` created in `namespace`. */
export function applicablePolicies(
  docs: any[],
  obj: any,
  namespace: any,
): any[] {
  const policies = docs.filter(d => d.kind === 'ValidatingAdmissionPolicy');
  const bindings = docs.filter(
    d => d.kind === 'ValidatingAdmissionPolicyBinding',
  );
  const labels = namespace.metadata.labels ?? {};
  return policies.filter(p => {
    const bound = bindings.some(
      b =>
        b.spec.policyName === p.metadata.name &&
        b.spec.validationActions.includes('Deny') &&
        selectorMatches(b.spec.matchResources?.namespaceSelector, labels),
    );
    const c = p.spec.matchConstraints;
    return (
      bound &&
      selectorMatches(c.namespaceSelector, labels) &&
      (c.resourceRules ?? []).some((r: any) => ruleMatches(r, obj))
    );
  });
}

/** Every denial the admission policies give `obj` created in `namespace` (a Namespace object). */
export function admit(docs: any[], obj: any, namespace: any): Denial[] {
  const object = {
    ...obj,
    metadata: { ...obj.metadata, namespace: namespace.metadata.name },
  };
  const out: Denial[] = [];
  for (const policy of applicablePolicies(docs, object, namespace)) {
    const name = policy.metadata.name;
    const ctx: Record<string, unknown> = {
      object: celValue(object),
      oldObject: null,
      namespaceObject: celValue(namespace),
      params: null,
      request: celValue({
        operation: 'CREATE',
        namespace: namespace.metadata.name,
        name: object.metadata.name,
        kind: { group: groupOf(object.apiVersion), kind: object.kind },
      }),
    };
    const variables: Record<string, unknown> = {};
    ctx.variables = variables;
    try {
      for (const v of policy.spec.variables ?? [])
        variables[v.name] = evaluate(v.expression, ctx);
    } catch (e) {
      out.push({
        policy: name,
        validation: -1,
        message: `variable error: ${(e as Error).message}`,
      });
      continue;
    }
    (policy.spec.validations ?? []).forEach((v: any, i: number) => {
      let ok: unknown;
      try {
        ok = evaluate(v.expression, ctx);
      } catch (e) {
        out.push({
          policy: name,
          validation: i,
          message: `expression error: ${(e as Error).message}`,
        });
        return;
      }
      if (ok === true) return;
      let message = v.message ?? `failed expression: ${v.expression}`;
      if (v.messageExpression) {
        try {
          message = String(evaluate(v.messageExpression, ctx));
        } catch (e) {
          message = `messageExpression error: ${(e as Error).message}`;
        }
      }
      out.push({ policy: name, validation: i, message });
    });
  }
  return out;
}
