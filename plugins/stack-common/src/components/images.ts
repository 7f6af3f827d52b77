import { Stack, StackComponent } from '../schema/stackSchema';
import { componentVersion } from '../model/resolve';

/**
 * The image a component runs. Services run the repo's own image (built by CI
 * and tagged `main`); data components' versions pick the upstream image.
 */
export function imageFor(stack: Stack, c: StackComponent): string {
  if (c.image) return c.image;
  const v = componentVersion(c);
  switch (c.type) {
    case 'nodejs':
    case 'fastapi':
    case 'frontend':
      return `${stack.spec.registry ?? 'registry.internal'}/${stack.metadata.name}/${c.name}:main`;
    case 'postgres':
      return `ghcr.io/cloudnative-pg/postgresql:${v}`;
    case 'redis':
      return `docker.io/library/redis:${v}-alpine`;
    case 'rabbitmq':
      return `docker.io/library/rabbitmq:${v}-management`;
    case 'minio':
      return `quay.io/minio/minio:${minioRelease(v)}`;
    default:
      throw new Error(`no image for ${(c as StackComponent).type}`);
  }
}

/** MinIO publishes dated releases; a `YYYY.MM` version picks that month's release tag. */
export function minioRelease(version: string): string {
  const [y, m] = version.split('.');
  return `RELEASE.${y}-${(m ?? '1').padStart(2, '0')}-01T00-00-00Z`;
}

/** Runtime settings that depend on the language version. */
export function runtimeEnv(c: StackComponent): { name: string; value: string }[] {
  const v = Number(componentVersion(c).split('.')[0]);
  switch (c.type) {
    case 'nodejs':
    case 'frontend':
      // Node 20+ understands source maps natively; older runtimes need a loader.
      return [
        { name: 'NODE_ENV', value: 'production' },
        ...(v >= 20 ? [{ name: 'NODE_OPTIONS', value: '--enable-source-maps' }] : []),
      ];
    case 'fastapi': {
      const minor = Number(componentVersion(c).split('.')[1] ?? 0);
      return [
        { name: 'PYTHONUNBUFFERED', value: '1' },
        { name: 'WEB_CONCURRENCY', value: String(c.workers ?? 2) },
        // 3.12 removed distutils-era warnings noise; older Pythons need the flag to keep logs clean.
        ...(v === 3 && minor < 12 ? [{ name: 'PYTHONWARNINGS', value: 'ignore::DeprecationWarning' }] : []),
      ];
    }
    default:
      return [];
  }
}
