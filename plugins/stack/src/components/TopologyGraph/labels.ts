import type { NodeCategory } from '../../lib/topology';
import type { Tone } from '../../lib/healthTone';

/** What the filter, the legend and each node call a category. */
export const CATEGORY_LABELS: Record<NodeCategory, string> = {
  service: 'Service',
  frontend: 'Frontend',
  database: 'Database',
  cache: 'Cache db',
  queue: 'Queue',
  deadLetter: 'Dead-letter queue',
  exchange: 'Exchange',
  bucket: 'Bucket',
  api: 'API',
  resource: 'Resource',
  other: 'Other',
};

/** The legend's reading of each node colour. */
export const TONE_LABELS: Array<[Tone, string]> = [
  ['ok', 'Healthy'],
  ['progress', 'Progressing'],
  ['warning', 'Suspended / out of sync'],
  ['error', 'Degraded / missing'],
  ['unknown', 'Unknown / no data'],
];
