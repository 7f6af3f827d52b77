import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@idp-stack/plugin-stack-common';

/** How a status reads at a glance; colours come from the theme's palette. */
export type Tone = 'ok' | 'progress' | 'warning' | 'error' | 'unknown';

const HEALTH_TONES: Record<HealthStatusCode, Tone> = {
  Healthy: 'ok',
  Progressing: 'progress',
  Suspended: 'warning',
  Degraded: 'error',
  Missing: 'error',
  Unknown: 'unknown',
};

export function healthTone(status: HealthStatusCode | undefined): Tone {
  return status ? HEALTH_TONES[status] : 'unknown';
}

export function syncTone(status: SyncStatusCode | undefined): Tone {
  if (status === 'Synced') return 'ok';
  if (status === 'OutOfSync') return 'warning';
  return 'unknown';
}
