import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { GITOPS_ROOT } from '../manifestFiles';
import {
  parseSystemRegistration,
  readSystemRegistry,
  systemRegistrationIssues,
} from './registry';
import { SYSTEMS_DIR } from './tenancyFiles';

const TEMPLATE = join(GITOPS_ROOT, '..', 'templates', 'register-system');
const template = parse(readFileSync(join(TEMPLATE, 'template.yaml'), 'utf8'));
const skeletonName = '${{ values.system }}.yaml';
const skeleton = readFileSync(join(TEMPLATE, 'skeleton', skeletonName), 'utf8');
const props = template.spec.parameters[0].properties;

/**
 * The skeleton uses only `${{ values.<name> | dump }}` (nunjucks' dump is
 * JSON.stringify, and JSON is YAML), so every value is escaped for YAML.
 */
function render(values: Record<string, unknown>): string {
  const rest = skeleton.replace(/\$\{\{ values\.(\w+) \| dump \}\}/g, (_, k) =>
    JSON.stringify(values[k]),
  );
  if (rest.includes('${{') || rest.includes('{%'))
    throw new Error('the skeleton uses more than `values.x | dump`');
  return rest;
}

describe('templates/register-system', () => {
  it('writes a registry entry that parses, for the form values of every registered system', () => {
    for (const s of readSystemRegistry(SYSTEMS_DIR)) {
      const values = {
        system: s.metadata.name,
        owner: s.spec.owner,
        codeOwners: s.spec.codeOwners,
        repositories: s.spec.repositories,
        domains: s.spec.domains,
        prodManualApproval: true,
        prodApprovers: s.spec.environments?.prod?.approvers ?? [],
      };
      // The form's own rules accept what the registry accepts.
      expect(values.system).toMatch(new RegExp(props.system.pattern));
      for (const r of values.repositories)
        expect(r).toMatch(new RegExp(props.repositories.items.pattern));
      for (const d of values.domains)
        expect(d).toMatch(new RegExp(props.domains.items.pattern));
      for (const c of values.codeOwners)
        expect(c).toMatch(new RegExp(props.codeOwners.items.pattern));
      const entry = parseSystemRegistration(
        render(values),
        skeletonName.replace('${{ values.system }}', s.metadata.name),
      );
      expect(entry.spec.repositories).toEqual(s.spec.repositories);
      expect(entry.spec.environments?.prod).toEqual({
        manualApproval: true,
        approvers: values.prodApprovers,
      });
    }
  });

  it('refuses in the form what the registry refuses', () => {
    const system = new RegExp(props.system.pattern);
    for (const name of [
      'platform',
      'default',
      'idp-x',
      'Payments',
      'a_b',
      '-a',
    ]) {
      expect(name).not.toMatch(system);
      expect(
        systemRegistrationIssues({ metadata: { name } }).some(
          i => i.path === 'metadata.name',
        ),
      ).toBe(true);
    }
    expect(props.system.maxLength).toBe(39);
    expect('Payments_API').not.toMatch(
      new RegExp(props.repositories.items.pattern),
    );
    expect('a'.repeat(58)).not.toMatch(
      new RegExp(props.repositories.items.pattern),
    );
  });

  it('opens a pull request on the platform repository; it does not push', () => {
    const actions = template.spec.steps.map((s: any) => s.action);
    expect(actions).toEqual(['fetch:template', 'publish:github:pull-request']);
    expect(template.spec.steps[0].input.targetPath).toBe('./argocd/systems');
    expect(template.spec.steps[1].input.repoUrl).toBe(
      'github.com?owner=acme&repo=idp-portal',
    );
  });
});
