import { InputError, NotFoundError, serializeError } from '@backstage/errors';
import {
  StackFileInvalidError,
  StackFileNotFoundError,
} from './stackFileErrors';

describe('stack file errors', () => {
  it('are Backstage errors by name and class, with their data in the serialised body', () => {
    const missing = new StackFileNotFoundError('no-file', 'no stack.yaml at x');
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(serializeError(missing)).toEqual({
      name: 'NotFoundError',
      message: 'no stack.yaml at x',
      reason: 'no-file',
    });
    const issues = [
      { path: 'kind', rule: 'required', message: 'kind: is required' },
    ];
    const invalid = new StackFileInvalidError(
      'stack.yaml is invalid',
      issues as any,
    );
    expect(invalid).toBeInstanceOf(InputError);
    expect(serializeError(invalid)).toEqual({
      name: 'InputError',
      message: 'stack.yaml is invalid',
      reason: 'invalid',
      issues,
    });
  });
});
