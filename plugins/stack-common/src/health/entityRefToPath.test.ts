import { entityRefToPath } from './entityRefToPath';

describe('entityRefToPath', () => {
  it('maps kind:namespace/name to a lower-case path', () => {
    expect(entityRefToPath('Component:Team-A/Payments')).toBe(
      'component/team-a/payments',
    );
  });

  it('fills in the default namespace', () => {
    expect(entityRefToPath('component:api')).toBe('component/default/api');
  });

  it('rejects a ref without a kind, naming the expected form', () => {
    expect(() => entityRefToPath('api')).toThrow(/kind:namespace\/name/);
  });
});
