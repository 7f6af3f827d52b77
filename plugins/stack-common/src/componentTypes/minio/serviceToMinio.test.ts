import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { minioGrants, minioPolicy } from './manifests';
import { serviceToMinio } from './serviceToMinio';

const stack = stackOf({
  components: [
    { name: 'api', type: 'nodejs' },
    {
      name: 'store',
      type: 'minio',
      buckets: [{ name: 'invoices' }, { name: 'media' }],
    },
  ],
  links: [{ from: 'api', to: 'store/invoices', access: 'read' }],
});

describe('service → minio', () => {
  it('gives endpoint, bucket and a credentials reference of its own', () => {
    const a = runRule(serviceToMinio, stack);
    expect(a.env![0].vars).toEqual([
      { name: 'STORE_INVOICES_ENDPOINT', value: 'http://store:9000' },
      { name: 'STORE_INVOICES_BUCKET', value: 'invoices' },
      {
        name: 'STORE_INVOICES_ACCESS_KEY_ID',
        valueFrom: {
          secretKeyRef: {
            name: 'store-api-invoices-credentials',
            key: 'accessKey',
          },
        },
      },
      {
        name: 'STORE_INVOICES_SECRET_ACCESS_KEY',
        valueFrom: {
          secretKeyRef: {
            name: 'store-api-invoices-credentials',
            key: 'secretKey',
          },
        },
      },
    ]);
    expect(objectsOf(a, 'NetworkPolicy').map(o => o.metadata.name)).toEqual([
      'api-to-store',
      'store-from-api',
    ]);
  });

  it('scopes the policy to the linked bucket and read actions', () => {
    const [grant] = minioGrants(stack, stack.spec.components[1] as any);
    expect(grant).toMatchObject({
      from: 'api',
      buckets: ['invoices'],
      policyName: 'api-invoices-ro',
    });
    expect(minioPolicy(grant)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::invoices', 'arn:aws:s3:::invoices/*'],
        },
      ],
    });
  });
});
