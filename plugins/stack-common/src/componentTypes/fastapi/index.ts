import { componentVersion } from '../../model/resolve';
import type { ComponentKind } from '../kind';
import { repositoryImage } from '../workload/image';
import { serviceLinks, workloadKind } from '../workload/kind';
import { fastapiComponentSchema, type FastapiComponent } from './schema';

/** A Python FastAPI service (Uvicorn workers) of the golden path. */
export const fastapiKind: ComponentKind<FastapiComponent> = {
  ...workloadKind,
  type: 'fastapi',
  description: 'Python FastAPI service',
  role: 'service',
  schema: fastapiComponentSchema,
  defaults: { version: '3.12', port: 8000 },
  image: repositoryImage,
  runtimeEnv: c => {
    const [major, minor] = componentVersion(c).split('.').map(Number);
    return [
      { name: 'PYTHONUNBUFFERED', value: '1' },
      { name: 'WEB_CONCURRENCY', value: String(c.workers ?? 2) },
      // 3.12 removed distutils-era warnings noise; older Pythons need the flag to keep logs clean.
      ...(major === 3 && (minor || 0) < 12
        ? [{ name: 'PYTHONWARNINGS', value: 'ignore::DeprecationWarning' }]
        : []),
    ];
  },
  links: serviceLinks,
  catalog: { kind: 'Component', type: 'service', providesApi: true },
  topology: 'service',
  starter: name => ({ name, type: 'fastapi' }),
};
