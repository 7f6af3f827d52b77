import { envPrefix } from '../../schema/names';
import { componentPort, labelsFor } from '../../model/resolve';
import { externalSecrets } from '../../generator/externalSecret';
import type { EnvVar, LinkRule } from '../../generator/types';
import { linkPolicies } from '../../generator/linkPolicies';
import { deadLetterNames } from './manifests';
import type { RabbitmqComponent } from './schema';

const escape = (s: string) => s.replace(/[.]/g, '\\.');

/**
 * service → rabbitmq (a queue, an exchange, or the whole vhost): a User of
 * its own whose credentials the platform fills, a Permission scoped to the
 * linked queue/exchange (read links may only consume), the AMQP URL built
 * from the secret, and NetworkPolicies.
 */
export const serviceToRabbitmq: LinkRule = (stack, link) => {
  const mq = link.to as RabbitmqComponent;
  const port = componentPort(mq);
  const id = link.sub
    ? `${mq.name}-${link.from.name}-${link.sub.name}`
    : `${mq.name}-${link.from.name}`;
  const secret = `${id}-credentials`;
  const labels = labelsFor(stack, mq);
  const p = envPrefix(link.sub ? `${mq.name}_${link.sub.name}` : mq.name);

  // Regexes over resource names: queue links use the default exchange to publish.
  let read = '.*';
  let write = link.access === 'read' ? '^$' : '.*';
  const extra: EnvVar[] = [];
  if (link.sub?.kind === 'queue') {
    const queue = (mq.queues ?? []).find(q => q.name === link.sub!.name)!;
    read = `^${escape(queue.name)}$`;
    write = link.access === 'read' ? '^$' : '^amq\\.default$';
    extra.push({ name: `${p}_QUEUE`, value: queue.name });
    if (queue.deadLetter) {
      const dl = deadLetterNames(queue.name);
      read = `^(${escape(queue.name)}|${escape(dl.queue)})$`;
      extra.push({ name: `${p}_DEAD_LETTER_QUEUE`, value: dl.queue });
    }
  } else if (link.sub?.kind === 'exchange') {
    read = '^$';
    write = link.access === 'read' ? '^$' : `^${escape(link.sub.name)}$`;
    extra.push({ name: `${p}_EXCHANGE`, value: link.sub.name });
  }
  const ref = (key: string) => ({ secretKeyRef: { name: secret, key } });
  return {
    env: [
      {
        component: link.from.name,
        vars: [
          { name: `${p}_HOST`, value: mq.name },
          { name: `${p}_PORT`, value: String(port) },
          { name: `${p}_USERNAME`, valueFrom: ref('username') },
          { name: `${p}_PASSWORD`, valueFrom: ref('password') },
          // Kubernetes expands $(VAR) from variables defined earlier in the list.
          {
            name: `${p}_URL`,
            value: `amqp://$(${p}_USERNAME):$(${p}_PASSWORD)@${mq.name}:${port}/`,
          },
          ...extra,
        ],
      },
    ],
    objects: [
      ...externalSecrets(stack, mq.name, secret, labels, id, [
        'username',
        'password',
      ]),
      {
        component: mq.name,
        object: {
          apiVersion: 'rabbitmq.com/v1beta1',
          kind: 'User',
          metadata: { name: id, labels },
          spec: {
            tags: [],
            importCredentialsSecret: { name: secret },
            rabbitmqClusterReference: { name: mq.name },
          },
        },
      },
      {
        component: mq.name,
        object: {
          apiVersion: 'rabbitmq.com/v1beta1',
          kind: 'Permission',
          metadata: { name: id, labels },
          spec: {
            vhost: '/',
            userReference: { name: id },
            // Topology is declared by the operator, never by the application.
            permissions: { configure: '^$', write, read },
            rabbitmqClusterReference: { name: mq.name },
          },
        },
      },
      ...(linkPolicies(stack, link.from, mq, [port]) ?? []),
    ],
  };
};
