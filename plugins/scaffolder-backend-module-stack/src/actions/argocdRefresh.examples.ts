import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Ask Argo CD to discover the repository just published instead of waiting for the 30-minute requeue',
    example: yaml.stringify({
      steps: [
        {
          id: 'refresh',
          action: 'idp:argocd:refresh',
          name: 'Refresh the workloads ApplicationSet',
          input: { repo: '${{ parameters.name }}' },
        },
      ],
    }),
  },
];
