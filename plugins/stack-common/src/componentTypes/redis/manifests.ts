import type { Stack } from '../../schema/stackSchema';
import { componentPort } from '../../model/resolve';
import type { Additions } from '../../generator/types';
import { singleReplicaStore } from '../singleReplicaStore';
import type { RedisComponent } from './schema';

/** The official image's `redis` user. */
const REDIS_UID = 999;

/**
 * Redis as a single-replica StatefulSet with append-only persistence and a
 * Service. Logical databases are indexes; links pick theirs. Access is
 * guarded by NetworkPolicies (only linked workloads get in).
 */
export function redisDefaults(stack: Stack, c: RedisComponent): Additions {
  const port = componentPort(c);
  const objects = singleReplicaStore(stack, c, {
    containerName: 'redis',
    portName: 'redis',
    uid: REDIS_UID,
    args: ['--port', String(port), '--appendonly', 'yes', '--databases', '16'],
    readinessProbe: {
      exec: { command: ['redis-cli', '-p', String(port), 'ping'] },
      periodSeconds: 10,
    },
    livenessProbe: { tcpSocket: { port }, periodSeconds: 20 },
    storage: '1Gi',
  });
  return { objects: objects.map(object => ({ component: c.name, object })) };
}
