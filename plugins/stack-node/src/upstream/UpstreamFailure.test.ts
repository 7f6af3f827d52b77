import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  serializeError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { UpstreamFailure } from './UpstreamFailure';

const answer = (status: number, headers: Record<string, string> = {}) =>
  UpstreamFailure.fromStatus({
    upstream: 'GitHub (github.com)',
    status,
    header: name => headers[name],
    detail: 'what GitHub said',
  });

describe('UpstreamFailure: the one mapping of upstream statuses', () => {
  it.each([
    [401, {}, 'unauthorized', ServiceUnavailableError],
    [403, {}, 'forbidden', NotAllowedError],
    [
      403,
      { 'x-ratelimit-remaining': '0' },
      'rate-limited',
      ServiceUnavailableError,
    ],
    [429, {}, 'rate-limited', ServiceUnavailableError],
    [404, {}, 'not-found', NotFoundError],
    [409, {}, 'conflict', ConflictError],
    [422, {}, 'rejected', InputError],
    [400, {}, 'rejected', InputError],
    [502, {}, 'unreachable', ServiceUnavailableError],
    [302, {}, 'bad-response', ServiceUnavailableError],
  ] as const)(
    '%s %j is %s, thrown as %p',
    (status, headers, kind, BackstageError) => {
      const failure = answer(status, headers);
      expect(failure).toMatchObject({ kind, status });
      const thrown = failure.toBackstageError();
      expect(thrown).toBeInstanceOf(BackstageError);
      expect(thrown.message).toBe(failure.message);
      expect(thrown.cause).toBe(failure);
    },
  );

  it('says what to fix and keeps the upstream error as the cause', () => {
    const octokitError = Object.assign(new Error('Bad credentials'), {
      name: 'HttpError',
      status: 401,
      response: { headers: {}, data: { message: 'Bad credentials' } },
    });
    const failure = UpstreamFailure.from(octokitError, 'GitHub', {
      doing: 'create repository acme/api',
      credentialsHint: 'check the token or GitHub App in integrations.github',
    });
    expect(failure.message).toBe(
      "GitHub rejected the plugin's credentials (401) while trying to create repository acme/api: Bad credentials; check the token or GitHub App in integrations.github",
    );
    expect(failure.cause).toBe(octokitError);
    // What the error handler sends: the Backstage error with its cause as
    // `{ kind, message }` (UpstreamFailure.toJSON: no request, no headers).
    expect(serializeError(failure.toBackstageError())).toEqual({
      name: 'ServiceUnavailableError',
      message: failure.message,
      cause: { kind: 'unauthorized', message: failure.message },
    });
  });

  it('tells a timeout and a non-JSON body from an unreachable upstream', () => {
    expect(
      UpstreamFailure.from(
        new DOMException('t', 'TimeoutError'),
        'Argo CD instance "main"',
      ),
    ).toMatchObject({
      kind: 'timeout',
      message: 'Argo CD instance "main" did not answer in time',
    });
    let parseError: unknown;
    try {
      JSON.parse('<html>');
    } catch (e) {
      parseError = e;
    }
    expect(UpstreamFailure.from(parseError, 'x').kind).toBe('bad-response');
    expect(
      UpstreamFailure.from(new TypeError('fetch failed'), 'x'),
    ).toMatchObject({
      kind: 'unreachable',
      message: 'x is unreachable: fetch failed',
    });
  });
});
