import { envPrefix } from '../../schema/names';
import { componentPort } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import { minioGrants } from './manifests';
import type { MinioComponent } from './schema';

/**
 * service → minio (a bucket, or all of them): S3 endpoint, bucket and the
 * keys of a user of its own (a platform-filled reference whose policy, created
 * by the MinIO component's provisioning job, allows only these buckets).
 */
export const serviceToMinio: LinkRule = (stack, link) => {
  const minio = link.to as MinioComponent;
  const port = componentPort(minio);
  const grant = minioGrants(stack, minio).find(
    g =>
      g.from === link.from.name &&
      (link.sub
        ? g.buckets.length === 1 && g.buckets[0] === link.sub.name
        : true),
  )!;
  const p = envPrefix(link.sub ? `${minio.name}_${link.sub.name}` : minio.name);
  const ref = (key: string) => ({
    secretKeyRef: { name: grant.secretName, key },
  });
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          { name: `${p}_ENDPOINT`, value: `http://${minio.name}:${port}` },
          ...(link.sub ? [{ name: `${p}_BUCKET`, value: link.sub.name }] : []),
          { name: `${p}_ACCESS_KEY_ID`, valueFrom: ref('accessKey') },
          { name: `${p}_SECRET_ACCESS_KEY`, valueFrom: ref('secretKey') },
        ],
      },
    ],
    objects: linkPolicies(stack, link.from, minio, [port]),
  };
};
