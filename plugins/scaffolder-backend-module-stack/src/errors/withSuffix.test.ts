import { NotAllowedError, serializeError } from '@backstage/errors';
import { githubError } from '../github/githubError';
import { withSuffix } from './withSuffix';

/** Shaped like Octokit's RequestError (name HttpError, status, response). */
const forbidden = () =>
  Object.assign(new Error('Resource not accessible by integration'), {
    name: 'HttpError',
    status: 403,
    response: {
      status: 403,
      url: 'https://api.github.com/x',
      headers: {},
      data: { message: 'Resource not accessible by integration' },
    },
  });

describe('withSuffix', () => {
  it('keeps the kind and the cause (what GitHub answered) of a Backstage error', () => {
    const upstream = forbidden();
    const error = withSuffix(
      githubError(upstream, 'set the topics of acme/api'),
      '; acme/api, created by this run, was deleted again',
    );
    expect(error).toBeInstanceOf(NotAllowedError);
    expect(error.message).toBe(
      "GitHub answered 403 while trying to set the topics of acme/api: Resource not accessible by integration; grant the plugin's account access; acme/api, created by this run, was deleted again",
    );
    // githubError's cause is the one-mapping UpstreamFailure, whose cause is Octokit's error.
    expect(error.cause).toMatchObject({
      name: 'UpstreamFailure',
      kind: 'forbidden',
    });
    expect((error.cause as Error).cause).toBe(upstream);
    // The error handler's serialisation carries the cause (as UpstreamFailure.toJSON).
    expect(serializeError(error)).toMatchObject({
      name: 'NotAllowedError',
      cause: { kind: 'forbidden' },
    });
  });

  it('keeps a plain error as the cause of its copy, with its name', () => {
    const plain = new TypeError('boom');
    const error = withSuffix(plain, '; cleaned up');
    expect(error.name).toBe('TypeError');
    expect(error.message).toBe('boom; cleaned up');
    expect(error.cause).toBe(plain);
  });
});
