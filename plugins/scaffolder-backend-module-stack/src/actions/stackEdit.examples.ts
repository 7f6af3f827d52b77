import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Propose the stack the designer field edited as a pull request to the entity repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'edit',
          action: 'idp:stack:edit',
          name: 'Open the pull request',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments-api',
            entityRef: 'component:default/payments-api',
            stack: '${{ parameters.design.stack }}',
            baseSha: '${{ parameters.design.baseSha }}',
          },
        },
      ],
    }),
  },
  {
    description: 'Propose a stack.yaml given as text, with a title',
    example: yaml.stringify({
      steps: [
        {
          id: 'edit',
          action: 'idp:stack:edit',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments-api',
            entityRef: 'component:default/payments-api',
            stack: [
              'apiVersion: idp.platform/v1alpha1',
              'kind: Stack',
              'metadata: { name: payments-api, system: payments, owner: group:default/payments }',
              'spec:',
              '  components:',
              '    - { name: payments-api, type: nodejs }',
              '    - { name: cache, type: redis }',
              '  links:',
              '    - { from: payments-api, to: cache }',
              '',
            ].join('\n'),
            baseSha: '0123456789abcdef0123456789abcdef01234567',
            title: 'Add a Redis cache to payments-api',
          },
        },
      ],
    }),
  },
];
