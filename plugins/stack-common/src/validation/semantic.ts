import { ENVIRONMENTS, HOSTNAME } from '../schema/names';
import {
  MAX_NAMESPACE,
  RESERVED_NAMES,
  reservedNameReason,
} from '../conventions';
import { ComponentRef, resolveLinkEnd } from '../model/links';
import { kindOf, linkDeclarationFor, roleOf } from '../componentTypes/registry';
import {
  apiVersionsFor,
  kubernetesMinor,
  kubernetesVersionSupported,
} from '../model/versions';
import { MIN_KUBERNETES_MINOR, MAX_KUBERNETES_MINOR } from '../schema/names';
import { issue, StackIssue } from './issues';
import { findCycle } from './findCycle';

type Obj = Record<string, any>;
const isObj = (x: unknown): x is Obj =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const list = (x: unknown): any[] => (Array.isArray(x) ? x : []);

/**
 * Rules that span several fields. They run on the raw input next to the
 * schema, defensively, so that one invalid field does not hide the others.
 */
export function semanticIssues(input: unknown): StackIssue[] {
  const out: StackIssue[] = [];
  if (!isObj(input)) return out;
  const metadata = isObj(input.metadata) ? input.metadata : {};
  const spec = isObj(input.spec) ? input.spec : {};

  // Namespaces: `<system>-<env>` must be a valid, non-reserved namespace.
  if (typeof metadata.system === 'string') {
    const system = metadata.system;
    const longest = `${system}-stage`;
    if (longest.length > MAX_NAMESPACE) {
      out.push(
        issue(
          ['metadata', 'system'],
          'namespace',
          `namespace ${JSON.stringify(
            longest,
          )} would be longer than ${MAX_NAMESPACE} characters`,
        ),
      );
    }
    if (
      system.startsWith('kube-') ||
      system === 'kube' ||
      system === 'default'
    ) {
      out.push(
        issue(
          ['metadata', 'system'],
          'namespace',
          `${JSON.stringify(
            system,
          )} gives reserved namespaces (kube-*, default)`,
        ),
      );
    } else if (RESERVED_NAMES.has(system)) {
      out.push(
        issue(
          ['metadata', 'system'],
          'reserved-name',
          reservedNameReason(system)!,
        ),
      );
    }
  }
  if (typeof metadata.name === 'string') {
    const reserved = reservedNameReason(metadata.name);
    if (reserved)
      out.push(issue(['metadata', 'name'], 'reserved-name', reserved));
  }

  // Kubernetes version and routing support.
  const version =
    typeof spec.kubernetesVersion === 'string' &&
    /^1\.\d+$/.test(spec.kubernetesVersion)
      ? spec.kubernetesVersion
      : undefined;
  const minor = kubernetesMinor(version);
  if (version && !kubernetesVersionSupported(minor)) {
    out.push(
      issue(
        ['spec', 'kubernetesVersion'],
        'kubernetes-version',
        `${version} is outside the supported 1.${MIN_KUBERNETES_MINOR}–1.${MAX_KUBERNETES_MINOR}`,
      ),
    );
  }
  if (
    isObj(spec.routing) &&
    spec.routing.kind === 'gateway' &&
    !apiVersionsFor(version).httpRoute
  ) {
    out.push(
      issue(
        ['spec', 'routing', 'kind'],
        'gateway-api-version',
        `Gateway API HTTPRoutes need Kubernetes 1.23 or later (target is 1.${minor})`,
      ),
    );
  }

  // Components: unique names, unique sub-components.
  const components = list(spec.components);
  const refs: ComponentRef[] = [];
  const seen = new Map<string, number>();
  components.forEach((c, i) => {
    if (!isObj(c) || typeof c.name !== 'string') return;
    if (seen.has(c.name)) {
      out.push(
        issue(
          ['spec', 'components', i, 'name'],
          'unique-name',
          `${JSON.stringify(
            c.name,
          )} is already the name of spec.components[${seen.get(c.name)}]`,
        ),
      );
    } else {
      seen.set(c.name, i);
      if (typeof c.type === 'string') refs.push(c as ComponentRef);
    }
    const kind = kindOf(c.type);
    for (const field of [...(kind?.uniqueNames ?? []), 'env']) {
      const names = new Map<string, number>();
      list(c[field]).forEach((s, j) => {
        if (!isObj(s) || typeof s.name !== 'string') return;
        if (names.has(s.name)) {
          out.push(
            issue(
              ['spec', 'components', i, field, j, 'name'],
              'unique-name',
              `${JSON.stringify(
                s.name,
              )} is already used by ${field}[${names.get(s.name)}]`,
            ),
          );
        } else names.set(s.name, j);
      });
    }
    if (kind) out.push(...kind.checks(c, ['spec', 'components', i]));
  });

  // Links: known ends, sensible types, no self links, no duplicates, no service call cycles.
  const edges = new Map<string, string[]>();
  const linkKeys = new Map<string, number>();
  list(spec.links).forEach((l, i) => {
    if (!isObj(l) || typeof l.from !== 'string' || typeof l.to !== 'string')
      return;
    const from = resolveLinkEnd(refs, l.from);
    const to = resolveLinkEnd(refs, l.to);
    if (typeof from === 'string')
      out.push(issue(['spec', 'links', i, 'from'], 'link-target', from));
    else if (from.sub)
      out.push(
        issue(
          ['spec', 'links', i, 'from'],
          'link-target',
          `${JSON.stringify(l.from)} must be a component, not a sub-component`,
        ),
      );
    if (typeof to === 'string')
      out.push(issue(['spec', 'links', i, 'to'], 'link-target', to));
    if (typeof from === 'string' || typeof to === 'string' || from.sub) return;
    if (from.component.name === to.component.name) {
      out.push(
        issue(
          ['spec', 'links', i],
          'self-link',
          `${from.component.name} links to itself`,
        ),
      );
      return;
    }
    const declaration = linkDeclarationFor(
      from.component.type,
      to.component.type,
    );
    if (!declaration) {
      out.push(
        issue(
          ['spec', 'links', i],
          'link-type',
          `a ${from.component.type} component cannot link to a ${to.component.type} component (${l.from} → ${l.to})`,
        ),
      );
      return;
    }
    const key = `${l.from}→${l.to}`;
    if (linkKeys.has(key)) {
      out.push(
        issue(
          ['spec', 'links', i],
          'unique-link',
          `${l.from} → ${l.to} is already spec.links[${linkKeys.get(key)}]`,
        ),
      );
    } else linkKeys.set(key, i);
    if (
      l.pathPrefix !== undefined &&
      !declaration.options.includes('pathPrefix')
    ) {
      out.push(
        issue(
          ['spec', 'links', i, 'pathPrefix'],
          'link-option',
          'pathPrefix only applies to frontend → service links',
        ),
      );
    }
    if (l.access !== undefined && !declaration.options.includes('access')) {
      out.push(
        issue(
          ['spec', 'links', i, 'access'],
          'link-option',
          'access only applies to links to data components',
        ),
      );
    }
    if (
      roleOf(from.component.type) === 'service' &&
      roleOf(to.component.type) === 'service'
    ) {
      edges.set(from.component.name, [
        ...(edges.get(from.component.name) ?? []),
        to.component.name,
      ]);
    }
  });
  // Routes share one hostname per environment: a path prefix may lead to one workload only.
  const routes = new Map<string, { target: string; where: PropertyKey[] }>();
  const claim = (prefix: string, target: string, where: PropertyKey[]) => {
    const other = routes.get(prefix);
    if (!other) routes.set(prefix, { target, where });
    else if (other.target !== target) {
      out.push(
        issue(
          where,
          'route-conflict',
          `path ${prefix} already routes to ${other.target}`,
        ),
      );
    }
  };
  components.forEach((c, i) => {
    // A frontend owns the root of the hostname.
    if (isObj(c) && roleOf(c.type) === 'frontend' && typeof c.name === 'string')
      claim('/', c.name, ['spec', 'components', i]);
  });
  // A map, not refs.find per link: linear in links (bench/bounds.bench.ts).
  const firstByName = new Map<string, ComponentRef>();
  for (const c of refs)
    if (!firstByName.has(c.name)) firstByName.set(c.name, c);
  list(spec.links).forEach((l, i) => {
    if (!isObj(l) || typeof l.from !== 'string' || typeof l.to !== 'string')
      return;
    const from = firstByName.get(l.from);
    const to = firstByName.get(l.to);
    if (
      from &&
      to &&
      linkDeclarationFor(from.type, to.type)?.options.includes('pathPrefix')
    ) {
      claim(
        typeof l.pathPrefix === 'string' ? l.pathPrefix : `/api/${to.name}`,
        to.name,
        ['spec', 'links', i, 'pathPrefix'],
      );
    }
  });
  const cycle = findCycle(edges);
  if (cycle) {
    out.push(
      issue(
        ['spec', 'links'],
        'link-cycle',
        `services call each other in a cycle (${cycle.join(
          ' → ',
        )}); readiness that depends on callees can never settle`,
      ),
    );
  }

  // Environments: overrides name real components, autoscaling bounds are ordered.
  const envs = isObj(spec.environments) ? spec.environments : {};
  for (const env of ENVIRONMENTS) {
    const e = envs[env];
    if (!isObj(e)) continue;
    if (typeof e.hostname === 'string' && !HOSTNAME.test(e.hostname)) continue;
    checkAutoscaling(
      e.autoscaling,
      ['spec', 'environments', env, 'autoscaling'],
      out,
    );
    if (isObj(e.components)) {
      for (const [name, o] of Object.entries(e.components)) {
        if (!seen.has(name)) {
          out.push(
            issue(
              ['spec', 'environments', env, 'components', name],
              'unknown-component',
              `${JSON.stringify(name)} is not a component of this stack`,
            ),
          );
        } else if (isObj(o)) {
          checkAutoscaling(
            o.autoscaling,
            ['spec', 'environments', env, 'components', name, 'autoscaling'],
            out,
          );
        }
      }
    }
  }
  return out;
}

function checkAutoscaling(a: unknown, path: PropertyKey[], out: StackIssue[]) {
  if (!isObj(a)) return;
  if (
    typeof a.minReplicas === 'number' &&
    typeof a.maxReplicas === 'number' &&
    a.minReplicas > a.maxReplicas
  ) {
    out.push(
      issue(
        [...path, 'minReplicas'],
        'autoscaling-range',
        `minReplicas ${a.minReplicas} is above maxReplicas ${a.maxReplicas}`,
      ),
    );
  }
  if (typeof a.minReplicas === 'number' && a.minReplicas < 1) {
    out.push(
      issue(
        [...path, 'minReplicas'],
        'autoscaling-range',
        'minReplicas must be at least 1',
      ),
    );
  }
}
