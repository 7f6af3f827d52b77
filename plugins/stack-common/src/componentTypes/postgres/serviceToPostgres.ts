import { envPrefix } from '../../schema/names';
import { imageFor } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import { bootstrapDatabase, roleSecretName } from './manifests';
import { instancesIn, readerFor, readHost } from './readRoles';
import type { PostgresComponent } from './schema';

/**
 * service → postgres (or one of its databases). Write links log in as the
 * database's owner (CNPG's `<cluster>-app` secret for the bootstrap owner) on
 * `-rw`, the primary. Read links log in as the service's read-only role
 * (readRoles.ts) on `-ro` in environments with replicas, else `-rw`, so the
 * host is set per environment. An init container holds the pod until the
 * primary accepts connections.
 */
export const serviceToPostgres: LinkRule = (stack, link, ctx) => {
  const pg = link.to as PostgresComponent;
  const database = link.sub
    ? (pg.databases ?? []).find(d => d.name === link.sub!.name)!
    : { name: bootstrapDatabase(pg).name, owner: bootstrapDatabase(pg).owner };
  const read = link.access === 'read';
  const secret = read
    ? readerFor(pg.name, link.from.name).secretName
    : roleSecretName(pg, database.owner ?? database.name);
  const host = read ? readHost(pg, pg.replicas ?? 1) : `${pg.name}-rw`;
  const p = envPrefix(link.sub ? `${pg.name}_${link.sub.name}` : pg.name);
  // An environment whose instance count picks another service gets its own host.
  const hostIn = ctx.environments.flatMap(e => {
    const h = read ? readHost(pg, instancesIn(stack, pg, e.name)) : host;
    return h === host
      ? []
      : [
          {
            component: link.from.name,
            environment: e.name,
            vars: [{ name: `${p}_HOST`, value: h }],
          },
        ];
  });
  const ref = (key: string) => ({ secretKeyRef: { name: secret, key } });
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          { name: `${p}_HOST`, value: host },
          { name: `${p}_PORT`, value: '5432' },
          { name: `${p}_DATABASE`, value: database.name },
          { name: `${p}_USER`, valueFrom: ref('username') },
          { name: `${p}_PASSWORD`, valueFrom: ref('password') },
        ],
      },
      ...hostIn,
    ],
    initContainers: [
      {
        component: link.from.name,
        container: {
          name: `wait-for-${pg.name}`,
          image: imageFor(stack, pg),
          command: [
            'sh',
            '-c',
            `until pg_isready -h ${pg.name}-rw -p 5432; do sleep 2; done`,
          ],
          resources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { cpu: '100m', memory: '64Mi' },
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ['ALL'] },
          },
        },
      },
    ],
    objects: linkPolicies(stack, link.from, pg, [5432]),
  };
};
