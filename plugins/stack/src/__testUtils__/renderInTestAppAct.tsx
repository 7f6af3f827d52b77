import { act } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';

/**
 * `renderInTestApp` inside `act`, so data hooks that settle right after the
 * first render (catalog fakes resolve at once) update inside act too.
 */
export async function renderInTestAppAct(
  ...args: Parameters<typeof renderInTestApp>
) {
  let result: ReturnType<typeof renderInTestApp> | undefined;
  await act(async () => {
    result = renderInTestApp(...args);
  });
  return result!;
}
