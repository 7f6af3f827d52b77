import type { DesignMetadata } from '../../lib/stackDesign';

/** Reads the stack's name/system/owner from the form's other fields. */
export function metadataOf(formContext: unknown): DesignMetadata {
  const data =
    (formContext as { formData?: Record<string, unknown> } | undefined)
      ?.formData ?? {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    name: str(data.name),
    system: str(data.system),
    owner: str(data.owner),
  };
}
