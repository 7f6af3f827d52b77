import { catalogEntity } from '../__testUtils__/fixtures';
import { hasRepository, isSystemOrComponent } from './entityFilters';

describe('entity filters', () => {
  it('shows topology and health on systems and components only', () => {
    expect(isSystemOrComponent(catalogEntity('System', 's'))).toBe(true);
    expect(isSystemOrComponent(catalogEntity('Component', 'c'))).toBe(true);
    expect(isSystemOrComponent(catalogEntity('Group', 'g'))).toBe(false);
  });

  it('shows builds only for components with a repository', () => {
    const slug = { 'github.com/project-slug': 'acme/shop' };
    expect(
      hasRepository(catalogEntity('Component', 'c', { annotations: slug })),
    ).toBe(true);
    expect(hasRepository(catalogEntity('Component', 'c'))).toBe(false);
    expect(
      hasRepository(catalogEntity('System', 's', { annotations: slug })),
    ).toBe(false);
  });
});
