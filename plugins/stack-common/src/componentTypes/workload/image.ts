import type { Stack } from '../../schema/stackSchema';
import type { EnvVar } from '../../generator/types';

/** Services run the repo's own image, built by CI and tagged `main`. */
export function repositoryImage(stack: Stack, c: { name: string }): string {
  return `${stack.spec.registry ?? 'registry.internal'}/${
    stack.metadata.name
  }/${c.name}:main`;
}

/** Node 20+ understands source maps natively; older runtimes need a loader. */
export function nodeRuntimeEnv(version: string): EnvVar[] {
  const major = Number(version.split('.')[0]);
  return [
    { name: 'NODE_ENV', value: 'production' },
    ...(major >= 20
      ? [{ name: 'NODE_OPTIONS', value: '--enable-source-maps' }]
      : []),
  ];
}
