import { validateStack } from '@internal/plugin-stack-common';
import { DEFAULT_DESIGN, linkTargets, newComponent, toStack } from './stackDesign';

describe('stackDesign', () => {
  it('starts from a design the shared model accepts', () => {
    const result = validateStack(toStack({ name: 'shop', system: 'commerce', owner: 'group:commerce' }, DEFAULT_DESIGN));
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
      components: [newComponent('api', 'fastapi'), newComponent('mq', 'rabbitmq'), newComponent('store', 'minio')],
      links: [],
    };
    expect(linkTargets(design)).toEqual(['api', 'mq', 'mq/events', 'store', 'store/files']);
    const stack = toStack({}, { ...design, links: [{ from: 'api', to: 'mq/events' }, { from: 'api', to: 'store/files' }] });
    expect(validateStack(stack).ok).toBe(true);
  });
});
