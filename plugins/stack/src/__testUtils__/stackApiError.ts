import { StackHealthApiError } from '@idp-stack/plugin-stack-common';

/**
 * The error the stack client throws for a backend error body
 * (`{ error, request, response }`, what a Backstage backend answers), built
 * through the same `ResponseError.fromResponse` path.
 */
export function stackApiError(
  status: number,
  error: { name: string; message: string; [key: string]: unknown },
): Promise<StackHealthApiError> {
  const text = JSON.stringify({
    error,
    request: { method: 'GET', url: '/' },
    response: { statusCode: status },
  });
  return StackHealthApiError.fromResponse({
    ok: false,
    status,
    statusText: '',
    url: '',
    redirected: false,
    type: 'basic',
    headers: {
      get: (name: string) =>
        name.toLowerCase() === 'content-type' ? 'application/json' : null,
    },
    text: async () => text,
  } as unknown as Parameters<typeof StackHealthApiError.fromResponse>[0]);
}
