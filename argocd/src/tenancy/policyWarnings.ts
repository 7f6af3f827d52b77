import { ENVIRONMENTS, Stack } from '@idp-stack/plugin-stack-common';
import { SystemRegistration } from './registry';

const windowsKey = (
  windows: {
    days: string[];
    start: string;
    duration: string;
    timeZone?: string;
  }[] = [],
) =>
  JSON.stringify(
    windows
      .map(w => ({
        days: [...w.days].sort(),
        start: w.start,
        duration: w.duration,
        timeZone: w.timeZone ?? 'UTC',
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );

/**
 * Why a stack's declared policies or placement will not take effect as
 * written: Argo CD enforces the registry entry of the stack's system (its
 * AppProject), not stack.yaml. Empty when the registry carries what the stack
 * declares. `systems` is the whole registry.
 */
export function systemPolicyWarnings(
  stack: Stack,
  systems: SystemRegistration[],
): string[] {
  const system = stack.metadata.system;
  const entry = systems.find(s => s.metadata.name === system);
  if (!entry) {
    return [
      `metadata.system: system ${system} is not registered in argocd/systems, so this stack deploys nothing`,
    ];
  }
  const out: string[] = [];
  if (!entry.spec.repositories.includes(stack.metadata.name)) {
    out.push(
      `metadata.name: repository ${stack.metadata.name} is not registered to system ${system} (argocd/systems/${system}.yaml), so Argo CD refuses its Applications`,
    );
  }
  for (const env of ENVIRONMENTS) {
    const declared = stack.spec.environments?.[env]?.policies;
    if (!declared) continue;
    const registered = entry.spec.environments?.[env];
    const where = `spec.environments.${env}.policies`;
    const registryApproval = registered?.manualApproval ?? env === 'prod';
    if (
      declared.manualApproval !== undefined &&
      declared.manualApproval !== registryApproval
    ) {
      out.push(
        `${where}.manualApproval: ${declared.manualApproval} is not what system ${system} registers (${registryApproval}); the registry's value applies`,
      );
    }
    if (
      declared.deploymentWindows !== undefined &&
      windowsKey(declared.deploymentWindows) !==
        windowsKey(registered?.deploymentWindows)
    ) {
      out.push(
        `${where}.deploymentWindows: differ from the windows system ${system} registers for ${env}; the registry's windows apply`,
      );
    }
  }
  return out;
}
