import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Create a private repository tagged idp-managed, push the workspace and protect main',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'idp:github:publish',
          name: 'Publish to GitHub',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments-api',
            description: 'Payments API',
            repoVisibility: 'private',
            topics: ['payments'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Publish a sub-directory of the workspace without branch protection',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'idp:github:publish',
          input: {
            repoUrl: 'github.com?owner=acme&repo=payments-web',
            sourcePath: 'out',
            protectDefaultBranch: false,
          },
        },
      ],
    }),
  },
];
