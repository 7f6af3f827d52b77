import {
  MAX_COMPONENT_NAME,
  MAX_COMPONENTS,
  MAX_LINKS,
} from '@idp-stack/plugin-stack-common';
import { stackDesignerValidation } from './validation';

const formData = { name: 'shop', system: 'commerce', owner: 'group:default/a' };
const errorsFor = (design: any) => {
  const addError = jest.fn();
  stackDesignerValidation(design, { addError } as any, { formData } as any);
  return addError.mock.calls.map(c => c[0] as string);
};

describe('designer field caps (the limits of validation/bounds.ts)', () => {
  it('refuses one component over MAX_COMPONENTS, naming the limit', () => {
    const components = Array.from({ length: MAX_COMPONENTS + 1 }, (_, i) => ({
      name: `c${i}`,
      type: 'redis',
    }));
    expect(errorsFor({ components, links: [] })).toEqual([
      `spec.components: has ${
        MAX_COMPONENTS + 1
      } components; the limit is ${MAX_COMPONENTS} (MAX_COMPONENTS) [max-items]`,
    ]);
    expect(errorsFor({ components: components.slice(1), links: [] })).toEqual(
      [],
    );
  });

  it('refuses one link over MAX_LINKS', () => {
    const links = Array.from({ length: MAX_LINKS + 1 }, () => ({
      from: 'a',
      to: 'b',
    }));
    expect(
      errorsFor({ components: [{ name: 'a', type: 'nodejs' }], links }),
    ).toEqual([
      `spec.links: has ${
        MAX_LINKS + 1
      } links; the limit is ${MAX_LINKS} (MAX_LINKS) [max-items]`,
    ]);
  });

  it('refuses a component name over MAX_COMPONENT_NAME', () => {
    const name = 'a'.repeat(MAX_COMPONENT_NAME + 1);
    expect(
      errorsFor({ components: [{ name, type: 'redis' }], links: [] }).join(
        '\n',
      ),
    ).toContain(`spec.components[0].name`);
  });
});
