import { stackApiError } from '../__testUtils__/stackApiError';
import { catalogEntity } from '../__testUtils__/fixtures';
import { loadStackSources, MAX_STACK_REPOS } from './loadStackSources';

const fromRepo = (name: string, repo: string, stackFile = true) =>
  catalogEntity('Component', name, {
    annotations: {
      'backstage.io/source-location': `url:https://github.com/acme/${repo}/tree/main/`,
      ...(stackFile ? { 'idp.platform/stack-file': 'stack.yaml' } : {}),
    },
  });

describe('loadStackSources', () => {
  it('asks once per repo, the page entity first, and collects failures with their reason', async () => {
    const getStack = jest.fn(async (ref: string) => {
      if (ref === 'component:default/b1') {
        throw await stackApiError(404, {
          name: 'NotFoundError',
          message: 'no stack.yaml at b',
          reason: 'no-file',
        });
      }
      return {
        entityRef: ref,
        location: 'x',
        stack: { metadata: { name: ref } } as any,
      };
    });
    const page = fromRepo('a2', 'a');
    const result = await loadStackSources({ getStack }, page, [
      fromRepo('a1', 'a'),
      page,
      fromRepo('b1', 'b'),
      fromRepo('b2', 'b'),
      // Not made by us: no stack-file annotation, not asked.
      fromRepo('c1', 'c', false),
    ]);
    expect(getStack.mock.calls.map(c => c[0])).toEqual([
      'component:default/a2',
      'component:default/b1',
    ]);
    expect(result.sources.map(s => s.entityRef)).toEqual([
      'component:default/a2',
    ]);
    expect(result.unavailable).toEqual([
      { reason: 'no-file', message: 'no stack.yaml at b' },
    ]);
  });

  it(`asks at most ${MAX_STACK_REPOS} repos`, async () => {
    const getStack = jest.fn().mockRejectedValue(new Error('down'));
    const members = Array.from({ length: 30 }, (_, i) =>
      fromRepo(`c${i}`, `r${i}`),
    );
    const result = await loadStackSources({ getStack }, members[0], members);
    expect(getStack).toHaveBeenCalledTimes(MAX_STACK_REPOS);
    expect(result.unavailable[0]).toEqual({ reason: 'error', message: 'down' });
  });
});
