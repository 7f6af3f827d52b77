import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Register the catalog-info.yaml of the repository idp:github:publish just created',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'idp:catalog:register',
          name: 'Register in the catalog',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            repoContentsUrl: '${{ steps.publish.output.repoContentsUrl }}',
            catalogInfoPath: '${{ steps.catalog.output.catalogInfoPath }}',
          },
        },
      ],
    }),
  },
];
