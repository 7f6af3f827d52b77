/** "42s", "5m", "3h", "2d": compact ages for stale markers and last syncs. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
}

/** Age of an ISO timestamp relative to `now`, formatted; undefined when absent or unparsable. */
export function ageOf(
  iso: string | undefined,
  now = Date.now(),
): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : formatAge((now - t) / 1000);
}
