import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { serviceToPostgres } from './serviceToPostgres';

const spec = (access?: string) => ({
  components: [
    { name: 'api', type: 'nodejs' },
    {
      name: 'db',
      type: 'postgres',
      databases: [{ name: 'orders' }, { name: 'audit', owner: 'auditor' }],
      roles: [{ name: 'auditor' }],
    },
  ],
  links: [
    { from: 'api', to: 'db/orders', ...(access ? { access } : {}) },
    { from: 'api', to: 'db/audit' },
  ],
});

describe('service → postgres', () => {
  it('wires connection env from the CNPG app secret and a readiness wait', () => {
    const a = runRule(serviceToPostgres, stackOf(spec()));
    expect(a.env).toEqual([
      {
        component: 'api',
        vars: [
          { name: 'DB_ORDERS_HOST', value: 'db-rw' },
          { name: 'DB_ORDERS_PORT', value: '5432' },
          { name: 'DB_ORDERS_DATABASE', value: 'orders' },
          {
            name: 'DB_ORDERS_USER',
            valueFrom: { secretKeyRef: { name: 'db-app', key: 'username' } },
          },
          {
            name: 'DB_ORDERS_PASSWORD',
            valueFrom: { secretKeyRef: { name: 'db-app', key: 'password' } },
          },
        ],
      },
    ]);
    expect(a.initContainers?.[0].container.command).toEqual([
      'sh',
      '-c',
      'until pg_isready -h db-rw -p 5432; do sleep 2; done',
    ]);
  });

  it('allows exactly api → db pods on 5432 in both directions', () => {
    const [egress, ingress] = objectsOf(
      runRule(serviceToPostgres, stackOf(spec())),
      'NetworkPolicy',
    );
    expect(egress.metadata.name).toBe('api-to-db');
    expect(egress.spec.podSelector.matchLabels).toEqual({
      'app.kubernetes.io/name': 'api',
      'app.kubernetes.io/part-of': 'shop',
    });
    expect(egress.spec.egress).toEqual([
      {
        to: [{ podSelector: { matchLabels: { 'cnpg.io/cluster': 'db' } } }],
        ports: [{ protocol: 'TCP', port: 5432 }],
      },
    ]);
    expect(ingress.metadata.name).toBe('db-from-api');
    expect(ingress.spec.podSelector.matchLabels).toEqual({
      'cnpg.io/cluster': 'db',
    });
    expect(ingress.spec.ingress[0].from).toEqual([
      {
        podSelector: {
          matchLabels: {
            'app.kubernetes.io/name': 'api',
            'app.kubernetes.io/part-of': 'shop',
          },
        },
      },
    ]);
  });

  it('sends read links of a single-instance cluster to the primary, as the read role', () => {
    const a = runRule(serviceToPostgres, stackOf(spec('read')));
    expect(a.env![0].vars[0]).toEqual({
      name: 'DB_ORDERS_HOST',
      value: 'db-rw',
    });
    expect(a.env![0].vars[3].valueFrom).toEqual({
      secretKeyRef: { name: 'db-api-readonly', key: 'username' },
    });
  });

  it("uses the owner role's platform-filled secret for other databases", () => {
    const a = runRule(serviceToPostgres, stackOf(spec()), 1);
    expect(a.env![0].vars.map(v => v.name)).toEqual([
      'DB_AUDIT_HOST',
      'DB_AUDIT_PORT',
      'DB_AUDIT_DATABASE',
      'DB_AUDIT_USER',
      'DB_AUDIT_PASSWORD',
    ]);
    expect(a.env![0].vars[3].valueFrom).toEqual({
      secretKeyRef: { name: 'db-auditor-credentials', key: 'username' },
    });
  });
});
