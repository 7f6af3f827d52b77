/**
 * Every image the generator picks by itself (when stack.yaml names none),
 * pinned to one upstream release, keyed by component type and the version
 * stack.yaml selects, with the page the release is published on. A version
 * outside this list keeps the type's own naming rule (e.g. `redis:<v>-alpine`);
 * `defaultImages.test.ts` checks every image the generator emits for the
 * fixtures and defaults against this list.
 */
export const DEFAULT_IMAGES: Record<
  string,
  Record<string, { image: string; source: string }>
> = {
  postgres: {
    '16': {
      image: 'ghcr.io/cloudnative-pg/postgresql:16.4',
      source:
        'https://github.com/cloudnative-pg/postgres-containers/pkgs/container/postgresql',
    },
  },
  redis: {
    '7.4': {
      image: 'docker.io/library/redis:7.4.1-alpine',
      source: 'https://github.com/redis/redis/releases/tag/7.4.1',
    },
  },
  rabbitmq: {
    '3.13': {
      image: 'docker.io/library/rabbitmq:3.13.7-management',
      source:
        'https://github.com/rabbitmq/rabbitmq-server/releases/tag/v3.13.7',
    },
  },
  minio: {
    '2024.10': {
      image: 'quay.io/minio/minio:RELEASE.2024-10-13T13-34-11Z',
      source:
        'https://github.com/minio/minio/releases/tag/RELEASE.2024-10-13T13-34-11Z',
    },
  },
  /** The MinIO client of the bucket-provisioning Job (not a component type). */
  'minio-client': {
    '2024.10': {
      image: 'quay.io/minio/mc:RELEASE.2024-10-08T09-37-26Z',
      source:
        'https://github.com/minio/mc/releases/tag/RELEASE.2024-10-08T09-37-26Z',
    },
  },
};

/** The pinned default image of `type` at `version`, or undefined when the list has none. */
export function defaultImage(
  type: string,
  version: string,
): string | undefined {
  return DEFAULT_IMAGES[type]?.[version]?.image;
}
