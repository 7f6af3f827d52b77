import type { ApiVersions } from '../model/versions';
import type { ResolvedEnvironment } from '../model/resolve';
import type { Environment } from '../schema/names';
import type { Stack, StackComponent } from '../schema/stackSchema';

/** One file of the generated repository tree, path relative to the repo root. */
export interface GeneratedFile {
  path: string;
  content: string;
  /** Data the repository owns once written (image pins): written only when absent, never compared. */
  preserve?: boolean;
}

/** A Kubernetes object as plain data. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

/**
 * What a component default or a link rule contributes. Entries without
 * `environment` land in deploy/base, the others in that environment's overlay.
 */
export interface Additions {
  env?: { component: string; vars: EnvVar[]; environment?: Environment }[];
  initContainers?: { component: string; container: Record<string, unknown> }[];
  objects?: {
    component: string;
    object: K8sObject;
    environment?: Environment;
  }[];
  /** Paths of a workload published on the stack's hostname. */
  routes?: { component: string; pathPrefix: string }[];
}

/** Read-only facts every rule may use. */
export interface GenerationContext {
  stack: Stack;
  api: ApiVersions;
  environments: ResolvedEnvironment[];
  component(name: string): StackComponent;
}

export interface ResolvedLink {
  from: StackComponent;
  to: StackComponent;
  /** The targeted sub-component (`kind` from the target type's `subComponents`). */
  sub?: { kind: string; name: string };
  access: 'read' | 'read-write';
  pathPrefix?: string;
}

export type LinkRule = (
  stack: Stack,
  link: ResolvedLink,
  ctx: GenerationContext,
) => Additions;
