import type { SystemRegistration } from '../tenancy/registry';

/** A registry entry for tests: system `payments` with the given repositories. */
export const paymentsSystem = (repositories: string[]): SystemRegistration => ({
  apiVersion: 'idp.platform/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments' },
  spec: {
    owner: 'group:default/payments',
    codeOwners: ['@acme/payments'],
    repositories,
    domains: ['payments.example.com'],
  },
});
