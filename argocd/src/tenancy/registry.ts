import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
  checkSystemRegistry,
  parseSystemRegistration,
  type SystemRegistration,
} from '@idp-stack/plugin-stack-common';

// The schema lives in stack-common (systems/registry.ts) so the backend reads
// the same registry; this module adds the folder read the renderers use.
export {
  parseSystemRegistration,
  systemRegistrationIssues,
  SYSTEM_API_VERSION,
  SYSTEM_KIND,
} from '@idp-stack/plugin-stack-common';
export type {
  RegistryIssue,
  SystemEnvironmentPolicies,
  SystemRegistration,
} from '@idp-stack/plugin-stack-common';

/**
 * Every entry of a registry folder, sorted by name; refuses a repository
 * registered to two systems (it could then pick either by its topic).
 */
export function readSystemRegistry(dir: string): SystemRegistration[] {
  return checkSystemRegistry(
    readdirSync(dir)
      .filter(f => f.endsWith('.yaml'))
      .sort()
      .map(f => parseSystemRegistration(readFileSync(join(dir, f), 'utf8'), f)),
  );
}
