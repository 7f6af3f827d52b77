import { envPrefix } from '../../schema/names';
import { componentPort, labelsFor } from '../../model/resolve';
import type { LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import { bootstrapService, STRIMZI_API } from './manifests';
import type { KafkaComponent } from './schema';

type Acl = {
  resource: {
    type: 'topic' | 'group';
    name: string;
    patternType: 'literal' | 'prefix';
  };
  operations: string[];
};

/** Operations on a topic: read links consume, read-write links also produce. */
export function topicOperations(access: 'read' | 'read-write'): string[] {
  return access === 'read'
    ? ['Describe', 'Read']
    : ['Describe', 'Read', 'Write'];
}

/**
 * service → kafka (a topic, or all of its topics): a KafkaUser of its own
 * (SCRAM-SHA-512; the user operator writes its password into the Secret named
 * like the user) whose ACLs allow exactly the linked topics and the service's
 * own consumer groups (`<service>*`), the bootstrap address, SASL settings and
 * NetworkPolicies on the client listener.
 */
export const serviceToKafka: LinkRule = (stack, link) => {
  const kafka = link.to as KafkaComponent;
  const port = componentPort(kafka);
  const user = link.sub
    ? `${kafka.name}-${link.from.name}-${link.sub.name}`
    : `${kafka.name}-${link.from.name}`;
  const topics = link.sub
    ? [link.sub.name]
    : (kafka.topics ?? []).map(t => t.name);
  const p = envPrefix(link.sub ? `${kafka.name}_${link.sub.name}` : kafka.name);
  const acls: Acl[] = [
    ...topics.map(name => ({
      resource: {
        type: 'topic' as const,
        name,
        patternType: 'literal' as const,
      },
      operations: topicOperations(link.access),
    })),
    {
      resource: { type: 'group', name: link.from.name, patternType: 'prefix' },
      operations: ['Describe', 'Read'],
    },
  ];
  const ref = (key: string) => ({ secretKeyRef: { name: user, key } });
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          {
            name: `${p}_BOOTSTRAP_SERVERS`,
            value: `${bootstrapService(kafka)}:${port}`,
          },
          { name: `${p}_SECURITY_PROTOCOL`, value: 'SASL_PLAINTEXT' },
          { name: `${p}_SASL_MECHANISM`, value: 'SCRAM-SHA-512' },
          { name: `${p}_USERNAME`, value: user },
          { name: `${p}_PASSWORD`, valueFrom: ref('password') },
          { name: `${p}_SASL_JAAS_CONFIG`, valueFrom: ref('sasl.jaas.config') },
          { name: `${p}_CONSUMER_GROUP`, value: link.from.name },
          ...(link.sub ? [{ name: `${p}_TOPIC`, value: link.sub.name }] : []),
        ],
      },
    ],
    objects: [
      {
        component: kafka.name,
        object: {
          apiVersion: STRIMZI_API,
          kind: 'KafkaUser',
          metadata: {
            name: user,
            labels: {
              ...labelsFor(stack, kafka),
              'strimzi.io/cluster': kafka.name,
            },
          },
          spec: {
            authentication: { type: 'scram-sha-512' },
            authorization: { type: 'simple', acls },
          },
        },
      },
      ...(linkPolicies(stack, link.from, kafka, [port]) ?? []),
    ],
  };
};
