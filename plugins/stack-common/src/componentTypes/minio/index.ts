import { DEFAULT_IMAGES, defaultImage } from '../defaultImages';
import { issue } from '../../validation/issues';
import { componentVersion, selectorFor } from '../../model/resolve';
import type { ComponentKind } from '../kind';
import { minioDefaults } from './manifests';
import { minioComponentSchema, type MinioComponent } from './schema';
import { serviceToMinio } from './serviceToMinio';

/** MinIO publishes dated releases; a `YYYY.MM` version picks that month's release tag. */
export function minioRelease(version: string): string {
  const [y, m] = version.split('.');
  return `RELEASE.${y}-${(m ?? '1').padStart(2, '0')}-01T00-00-00Z`;
}

/** S3-compatible object storage as a single-instance StatefulSet. */
export const minioKind: ComponentKind<MinioComponent> = {
  type: 'minio',
  description: 'MinIO object storage',
  role: 'data',
  schema: minioComponentSchema,
  defaults: { version: '2024.10', port: 9000 },
  image: (_stack, c) =>
    defaultImage('minio', componentVersion(c)) ??
    `quay.io/minio/minio:${minioRelease(componentVersion(c))}`,
  runtimeEnv: () => [],
  subComponents: [
    {
      field: 'buckets',
      kind: 'bucket',
      catalogType: 'bucket',
      topology: 'bucket',
    },
  ],
  uniqueNames: ['buckets'],
  // MinIO names releases by date: only a listed month has a real tag.
  checks: (c, at) =>
    typeof c.version === 'string' &&
    !c.image &&
    !DEFAULT_IMAGES.minio[c.version]
      ? [
          issue(
            [...at, 'version'],
            'version',
            `MinIO ${c.version} has no pinned release; use one of ${Object.keys(
              DEFAULT_IMAGES.minio,
            ).join(', ')} or set image`,
          ),
        ]
      : [],
  links: {
    asSource: [],
    asTarget: [
      { peers: ['service'], rule: serviceToMinio, options: ['access'] },
    ],
  },
  manifests: minioDefaults,
  podSelector: (stack, c) => selectorFor(stack, c.name),
  // A single instance: replicas are not scaled per environment.
  replicasPatch: () => undefined,
  catalog: { kind: 'Resource', type: 'object-storage' },
  topology: 'bucket',
  starter: name => ({ name, type: 'minio', buckets: [{ name: 'files' }] }),
};
