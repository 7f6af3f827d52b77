/**
 * The shape of a Backstage catalog entity, structurally compatible with
 * `Entity` from `@backstage/catalog-model` (kept local so this package stays
 * dependency-free and runs in the browser preview too).
 */
export interface CatalogEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'System' | 'Component' | 'Resource' | 'API';
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations: Record<string, string>;
    labels?: Record<string, string>;
    tags?: string[];
  };
  spec: Record<string, unknown>;
}

export interface CatalogOptions {
  /** GitHub organization (or user) that owns the repository. */
  org: string;
  /** Repository name; defaults to the stack's `metadata.name`. */
  repo?: string;
  /** Catalog lifecycle of the components and APIs. Default `experimental`. */
  lifecycle?: string;
  /** Host of the repository. Default `github.com`. */
  host?: string;
}
