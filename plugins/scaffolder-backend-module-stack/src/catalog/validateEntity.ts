import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  resourceEntityV1alpha1Validator,
  SchemaValidEntityPolicy,
  systemEntityV1alpha1Validator,
} from '@backstage/catalog-model';

// The same policies and kind validators the catalog applies on ingestion.
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kinds = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
];

/** Throws the catalog's own error when the catalog would reject `entity`. */
export async function validateEntity(entity: Entity): Promise<void> {
  const checked = (await policy.enforce(structuredClone(entity))) ?? entity;
  for (const kind of kinds) {
    if (await kind.check(checked)) return;
  }
  throw new Error(`kind ${entity.kind} is not one the IDP writes`);
}
