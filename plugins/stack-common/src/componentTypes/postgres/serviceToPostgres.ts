import { envPrefix } from '../../schema/names';
import { imageFor } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import { bootstrapDatabase, roleSecretName } from './manifests';
import type { PostgresComponent } from './schema';

/**
 * service → postgres (or one of its databases): connection env from the
 * role's secret (CNPG's `<cluster>-app` for the bootstrap owner), read links
 * go to the `-r` service (any instance), writes to `-rw` (the primary); an
 * init container holds the pod until the database accepts connections.
 */
export const serviceToPostgres: LinkRule = (stack, link) => {
  const pg = link.to as PostgresComponent;
  const database = link.sub
    ? (pg.databases ?? []).find(d => d.name === link.sub!.name)!
    : { name: bootstrapDatabase(pg).name, owner: bootstrapDatabase(pg).owner };
  const owner = database.owner ?? database.name;
  const secret = roleSecretName(pg, owner);
  const host = `${pg.name}-${link.access === 'read' ? 'r' : 'rw'}`;
  const p = envPrefix(link.sub ? `${pg.name}_${link.sub.name}` : pg.name);
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
            `until pg_isready -h ${host} -p 5432; do sleep 2; done`,
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
