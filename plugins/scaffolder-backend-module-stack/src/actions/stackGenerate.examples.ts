import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Build the stack of a Node.js service with a database and a queue from the form, and generate its manifests',
    example: yaml.stringify({
      steps: [
        {
          id: 'stack',
          action: 'stack:generate',
          name: 'Generate stack.yaml and deploy/',
          input: {
            name: '${{ parameters.name }}',
            system: '${{ parameters.system }}',
            owner: '${{ parameters.owner }}',
            description: '${{ parameters.description }}',
            serviceType: 'nodejs',
            extras: ['database', 'queue'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Add the components and links drawn in the StackDesigner form field to the stack built from the form',
    example: yaml.stringify({
      steps: [
        {
          id: 'stack',
          action: 'stack:generate',
          input: {
            name: '${{ parameters.name }}',
            system: '${{ parameters.system }}',
            owner: '${{ parameters.owner }}',
            serviceType: 'nodejs',
            extras: ['database'],
            design: {
              components: [{ name: 'worker', type: 'nodejs', port: 8080 }],
              links: [
                { from: '${{ parameters.name }}', to: 'worker' },
                { from: 'worker', to: 'db/${{ parameters.name }}' },
              ],
            },
          },
        },
      ],
    }),
  },
  {
    description:
      "Add a StackDesigner form field's design to a rendered stack.yaml",
    example: yaml.stringify({
      steps: [
        {
          id: 'stack',
          action: 'stack:generate',
          input: {
            stackFile: 'stack.yaml',
            owner: '${{ parameters.owner }}',
            design: '${{ parameters.design }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Validate a stack.yaml that fetch:template rendered into the workspace and generate its manifests',
    example: yaml.stringify({
      steps: [
        {
          id: 'stack',
          action: 'stack:generate',
          input: { stackFile: 'stack.yaml', owner: '${{ parameters.owner }}' },
        },
      ],
    }),
  },
];
