import { Stack } from '@idp-stack/plugin-stack-common';
import { fixtureStacks } from '../testing/goldenPath';
import { systemPolicyWarnings } from './policyWarnings';
import { readSystemRegistry } from './registry';
import { SYSTEMS_DIR } from './tenancyFiles';

const systems = readSystemRegistry(SYSTEMS_DIR);
const stacks = fixtureStacks();
const ledger = stacks.find(s => s.repo === 'ledger')!.parsed;
const withPolicies = (stack: Stack, env: string, policies: unknown): Stack =>
  ({
    ...stack,
    spec: {
      ...stack.spec,
      environments: {
        ...stack.spec.environments,
        [env]: { ...(stack.spec.environments as any)?.[env], policies },
      },
    },
  } as Stack);

describe('systemPolicyWarnings', () => {
  it.each(stacks.map(s => [s.fixture, s.parsed] as const))(
    '%s: the registry carries what the fixture declares',
    (_, stack) => {
      expect(systemPolicyWarnings(stack, systems)).toEqual([]);
    },
  );

  it('warns about a policy the registry does not carry', () => {
    expect(
      systemPolicyWarnings(
        withPolicies(ledger, 'stage', { manualApproval: true }),
        systems,
      ),
    ).toEqual([
      "spec.environments.stage.policies.manualApproval: true is not what system finance registers (false); the registry's value applies",
    ]);
    expect(
      systemPolicyWarnings(
        withPolicies(ledger, 'prod', { manualApproval: false }),
        systems,
      ),
    ).toEqual([
      "spec.environments.prod.policies.manualApproval: false is not what system finance registers (true); the registry's value applies",
    ]);
    const otherWindow = {
      manualApproval: true,
      deploymentWindows: [
        {
          days: ['mon'],
          start: '09:00',
          duration: '6h',
          timeZone: 'Europe/Berlin',
        },
      ],
    };
    expect(
      systemPolicyWarnings(withPolicies(ledger, 'prod', otherWindow), systems),
    ).toEqual([
      "spec.environments.prod.policies.deploymentWindows: differ from the windows system finance registers for prod; the registry's windows apply",
    ]);
  });

  it('warns when the repository or the system is not registered', () => {
    const renamed = {
      ...ledger,
      metadata: { ...ledger.metadata, name: 'ledger-v2' },
    } as Stack;
    expect(systemPolicyWarnings(renamed, systems)).toEqual([
      'metadata.name: repository ledger-v2 is not registered to system finance (argocd/systems/finance.yaml), so Argo CD refuses its Applications',
    ]);
    const elsewhere = {
      ...ledger,
      metadata: { ...ledger.metadata, system: 'treasury' },
    } as Stack;
    expect(systemPolicyWarnings(elsewhere, systems)).toEqual([
      'metadata.system: system treasury is not registered in argocd/systems, so this stack deploys nothing',
    ]);
  });
});
