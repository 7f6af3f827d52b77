/**
 * Stack model, validation and Kustomize manifest generation shared by the
 * IDP plugins. Isomorphic: runs in the browser, the backend and the CLI.
 *
 * @packageDocumentation
 */

export {
  ENVIRONMENTS,
  STACK_API_VERSION,
  STACK_KIND,
  DEFAULT_KUBERNETES_VERSION,
  DNS_LABEL,
  namespaceFor,
} from './schema/names';
export type { Environment } from './schema/names';
export * from './conventions';
export { DESIGN_FIELD_SCHEMA, FORM_CAPS } from './schema/formCaps';
export { TELEMETRY } from './componentTypes/workload/observability';
export {
  COMPONENT_KINDS,
  COMPONENT_TYPES,
  SERVICE_TYPES,
  DATA_TYPES,
  CATALOG_COMPONENT_TYPE,
  CATALOG_RESOURCE_CATEGORY,
  kindOf,
} from './componentTypes/registry';
export type {
  ComponentType,
  ComponentKind,
  ComponentRole,
  TopologyCategory,
  SubComponentSpec,
  LinkDeclaration,
} from './componentTypes/registry';
export type { StackDesign } from './model/design';
export {
  stackSchema,
  componentSchema,
  linkSchema,
  environmentSchema,
} from './schema/stackSchema';
export type {
  Stack,
  StackComponent,
  StackLink,
  StackResources,
  EnvironmentSettings,
  ServiceComponent,
  PostgresComponent,
  RedisComponent,
  RabbitmqComponent,
  MinioComponent,
} from './schema/stackSchema';
export { stackJsonSchema } from './schema/jsonSchema';
export { validateStack } from './validation/validateStack';
export type { StackValidationResult } from './validation/validateStack';
export type { StackIssue } from './validation/issues';
export {
  MAX_STACK_YAML_BYTES,
  parseStackYaml,
  stackYamlSizeIssue,
} from './yaml/parseStackYaml';
export { serializeStack } from './yaml/serializeStack';
export { generateManifests } from './generator/generateManifests';
export type { CommittedPins } from './generator/generateManifests';
export {
  renderEnvironment,
  renderedManifests,
  renderedManifestsPath,
  rendersManifests,
} from './generator/renderEnvironment';
export { planManifests } from './generator/manifestPlan';
export type { ManifestPlan } from './generator/manifestPlan';
export type { GeneratedFile, K8sObject } from './generator/types';
export {
  commitTag,
  IMAGE_PINS_DIR,
  imagePinsPath,
  IMMUTABLE_PIN_ENVIRONMENTS,
  initialImagePins,
  pinnedImages,
  pinRefIssue,
  readImagePins,
  setImagePin,
  UNPROMOTED_TAG,
} from './generator/imagePins';
export type { ImagePin, ImagePinIssue } from './generator/imagePins';
export { resolveEnvironment } from './model/resolve';
export type { ResolvedEnvironment } from './model/resolve';
export { apiVersionsFor } from './model/versions';
export type { ApiVersions } from './model/versions';
export { policiesFor } from './model/policies';
export { subComponentsOf } from './model/links';
export type { SubComponentKind } from './model/links';
export type { EnvironmentPolicies } from './model/policies';
export * from './health';
export * from './stackInfo';
export * from './catalog';
export * from './permissions';
export * from './systems';
export * from './change';
export * from './loose';
