import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Write catalog-info.yaml (System, Components, APIs, Resources) for the stack in the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'catalog',
          action: 'stack:catalog-info',
          name: 'Write catalog-info.yaml',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            lifecycle: 'experimental',
          },
        },
      ],
    }),
  },
];
