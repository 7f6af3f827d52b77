import { parseDocument } from 'yaml';
import { issue } from '../validation/issues';
import { StackValidationResult, validateStack } from '../validation/validateStack';

/** Parses and validates a stack.yaml; YAML syntax errors come back as issues too. */
export function parseStackYaml(text: string): StackValidationResult {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map(e => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : 'stack.yaml';
        return issue([], 'yaml-syntax', `${where}: ${e.message.split('\n')[0]}`);
      }),
    };
  }
  return validateStack(doc.toJS());
}
