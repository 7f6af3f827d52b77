import { useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { stackApiRef } from '../../api/stackApiRef';
import { designOf, StackDesign } from '../../lib/stackDesign';

/**
 * In edit mode, loads the entity's current stack.yaml through the stack
 * backend (`GET /stack/...?at=head`: the file and the commit it was read at)
 * and makes it the field's value, unless the value already is that entity's
 * stack at that commit (the form re-renders, or the user went back a step).
 */
export function useStackToEdit(
  entityRef: string | undefined,
  value: StackDesign | undefined,
  onChange: (design: StackDesign) => void,
) {
  const stackApi = useApi(stackApiRef);
  const loaded = useAsync(
    async () =>
      entityRef ? stackApi.getStack(entityRef, { atHead: true }) : undefined,
    [stackApi, entityRef],
  );
  const fresh = loaded.value;
  useEffect(() => {
    if (!fresh?.commitSha) return;
    const same =
      value?.baseSha === fresh.commitSha &&
      value.stack?.metadata.name === fresh.stack.metadata.name;
    if (!same) onChange(designOf(fresh.stack, fresh.commitSha));
  }, [fresh, value, onChange]);
  return loaded;
}
