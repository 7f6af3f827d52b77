import { parseDocument } from 'yaml';
import { issue, StackIssue } from '../validation/issues';
import {
  StackValidationResult,
  validateStack,
} from '../validation/validateStack';

/** A stack.yaml larger than this is refused before it is parsed (512 KiB). */
export const MAX_STACK_YAML_BYTES = 512 * 1024;

/**
 * The yaml library's guard against alias expansion ("billion laughs"): toJS
 * throws once resolving aliases costs more than this many nodes
 * (https://eemeli.org/yaml/#tojs-options, `maxAliasCount`, default 100).
 */
const MAX_ALIAS_COUNT = 100;

/** The issue for a stack.yaml of `bytes` bytes, over MAX_STACK_YAML_BYTES. */
export function stackYamlSizeIssue(bytes: number): StackIssue {
  return issue(
    [],
    'yaml-size',
    `stack.yaml is ${bytes} bytes; the limit is ${MAX_STACK_YAML_BYTES} bytes (512 KiB)`,
  );
}

/** UTF-8 length of `text`, counted only when it could exceed `limit`. */
function exceedsBytes(text: string, limit: number): number | undefined {
  // Every UTF-16 code unit is at least one UTF-8 byte and at most three.
  if (text.length * 3 <= limit) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > limit ? bytes : undefined;
}

/**
 * Parses and validates a stack.yaml. Too large a file, YAML syntax errors and
 * alias bombs come back as issues (rules `yaml-size`, `yaml-syntax`,
 * `yaml-aliases`), never as exceptions.
 */
export function parseStackYaml(text: string): StackValidationResult {
  const bytes = exceedsBytes(text, MAX_STACK_YAML_BYTES);
  if (bytes !== undefined) {
    return { ok: false, issues: [stackYamlSizeIssue(bytes)] };
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map(e => {
        const at = e.linePos?.[0];
        const where = at ? `line ${at.line}, column ${at.col}` : 'stack.yaml';
        return issue(
          [],
          'yaml-syntax',
          `${where}: ${e.message.split('\n')[0]}`,
        );
      }),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // ReferenceError "Excessive alias count indicates a resource exhaustion attack"
    return {
      ok: false,
      issues: [
        issue(
          [],
          'yaml-aliases',
          `${
            (e as Error).message
          }; at most ${MAX_ALIAS_COUNT} alias resolutions are allowed`,
        ),
      ],
    };
  }
  return validateStack(value);
}
