import {
  COMPONENT_TYPES,
  SERVICE_TYPES,
  validateStack,
} from '@idp-stack/plugin-stack-common';
import {
  DEFAULT_DESIGN,
  linkTargets,
  newComponent,
  toStack,
} from './stackDesign';

describe('stackDesign', () => {
  it('starts from a design the shared model accepts', () => {
    const result = validateStack(
      toStack(
        { name: 'shop', system: 'commerce', owner: 'group:commerce' },
        DEFAULT_DESIGN,
      ),
    );
    expect(result.ok).toBe(true);
  });

  it('uses placeholders for metadata not filled in yet', () => {
    expect(toStack({}, DEFAULT_DESIGN).metadata).toEqual({
      name: 'preview',
      system: 'preview',
      owner: 'group:default/preview',
    });
    expect(validateStack(toStack({}, DEFAULT_DESIGN)).ok).toBe(true);
  });

  it('gives data components a linkable sub-component and lists link targets', () => {
    const design = {
      components: [
        newComponent('api', 'fastapi'),
        newComponent('mq', 'rabbitmq'),
        newComponent('store', 'minio'),
      ],
      links: [],
    };
    expect(linkTargets(design)).toEqual([
      'api',
      'mq',
      'mq/events',
      'store',
      'store/files',
    ]);
    const stack = toStack(
      {},
      {
        ...design,
        links: [
          { from: 'api', to: 'mq/events' },
          { from: 'api', to: 'store/files' },
        ],
      },
    );
    expect(validateStack(stack).ok).toBe(true);
  });

  it('offers every registered type (Kafka included) with a starter a service can link to', () => {
    expect(COMPONENT_TYPES).toContain('kafka');
    for (const type of COMPONENT_TYPES) {
      const design = {
        components: [
          newComponent('api', SERVICE_TYPES[0]),
          newComponent('x', type),
        ],
        links: [],
      };
      const targets = linkTargets(design).filter(t => t.startsWith('x'));
      const links =
        type === 'frontend'
          ? [{ from: 'x', to: 'api' }]
          : [{ from: 'api', to: targets[targets.length - 1] }];
      const result = validateStack(
        toStack(
          { name: 'shop', system: 'commerce', owner: 'group:x' },
          { ...design, links },
        ),
      );
      expect([
        type,
        result.ok ? [] : result.issues.map(i => i.message),
      ]).toEqual([type, []]);
    }
    expect(
      linkTargets({ components: [newComponent('bus', 'kafka')], links: [] }),
    ).toEqual(['bus', 'bus/events']);
  });
});
