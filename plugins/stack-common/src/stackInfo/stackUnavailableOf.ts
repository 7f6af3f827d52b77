import type { StackUnavailable, StackUnavailableReason } from './types';

const REASONS: readonly StackUnavailableReason[] = [
  'no-annotation',
  'no-file',
  'invalid',
];

/**
 * Reads why a `getStack` call failed from the thrown error: the backend puts
 * `reason` (and `issues`) into its error body, which `StackHealthApiError`
 * exposes as `details` (read from Backstage's `ResponseError`). Anything else
 * is reason `error`.
 */
export function stackUnavailableOf(error: unknown): StackUnavailable {
  const e = error as
    | { message?: unknown; details?: { reason?: unknown; issues?: unknown } }
    | undefined;
  const message =
    typeof e?.message === 'string' ? e.message : String(error ?? 'unknown');
  const reason = e?.details?.reason as StackUnavailableReason | undefined;
  if (!reason || !REASONS.includes(reason)) return { reason: 'error', message };
  const issues = e?.details?.issues;
  return Array.isArray(issues)
    ? { reason, message, issues }
    : { reason, message };
}
