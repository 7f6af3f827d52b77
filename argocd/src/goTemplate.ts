import { TemplateFunction, templateFunctions } from './templateFunctions';

/**
 * A renderer for the subset of Go's text/template that our ApplicationSets use,
 * executed as Argo CD does with `missingkey=error`:
 *
 * - text and actions `{{ … }}`, with the trim markers `{{- ` and ` -}}`;
 * - pipelines of commands joined by `|` (the previous value becomes the last argument);
 * - operands: fields (`.a.b`) and string literals ("…" or `…`);
 * - `if` / `else` / `end`;
 * - the functions in templateFunctions.ts.
 *
 * Anything else (range, with, variables, parentheses, comments, numbers, other
 * functions) throws, so a manifest cannot rely on something this check does not
 * evaluate.
 */

type Operand =
  | { kind: 'field'; path: string[] }
  | { kind: 'string'; value: string }
  | { kind: 'ident'; name: string };
type Command = Operand[];
type Pipeline = Command[];
type Node =
  | { type: 'text'; text: string }
  | { type: 'output'; pipeline: Pipeline; source: string }
  | { type: 'if'; condition: Pipeline; then: Node[]; otherwise: Node[] };

type Params = Record<string, unknown>;

const ACTION = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;
const UNSUPPORTED_KEYWORDS = new Set([
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
  'nil',
]);

function tokenize(body: string, source: string): string[] {
  const tokens: string[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\||[^\s|]+)/y;
  let pos = 0;
  while (body.slice(pos).trim() !== '') {
    re.lastIndex = pos;
    const m = re.exec(body);
    if (!m) throw new Error(`cannot tokenize action "${source}"`);
    tokens.push(m[1]);
    pos = re.lastIndex;
  }
  return tokens;
}

function parseOperand(token: string, source: string): Operand {
  if (token.startsWith('"')) {
    if (/\\[^"\\]/.test(token))
      throw new Error(`escape sequences are not supported in ${source}`);
    return {
      kind: 'string',
      value: token.slice(1, -1).replace(/\\(["\\])/g, '$1'),
    };
  }
  if (token.startsWith('`'))
    return { kind: 'string', value: token.slice(1, -1) };
  if (/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(token)) {
    return { kind: 'field', path: token.slice(1).split('.') };
  }
  if (
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(token) &&
    !UNSUPPORTED_KEYWORDS.has(token)
  ) {
    return { kind: 'ident', name: token };
  }
  throw new Error(`unsupported template syntax "${token}" in ${source}`);
}

function parsePipeline(tokens: string[], source: string): Pipeline {
  const pipeline: Pipeline = [[]];
  for (const t of tokens) {
    if (t === '|') pipeline.push([]);
    else pipeline[pipeline.length - 1].push(parseOperand(t, source));
  }
  if (pipeline.some(c => c.length === 0))
    throw new Error(`empty command in ${source}`);
  return pipeline;
}

/** Parses a template into a tree; throws on syntax outside the supported subset. */
export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  // Each open `if` remembers where its then/else branch collects nodes.
  const stack: { node: Extract<Node, { type: 'if' }>; inElse: boolean }[] = [];
  const current = () => {
    const top = stack[stack.length - 1];
    if (!top) return root;
    return top.inElse ? top.node.otherwise : top.node.then;
  };
  let last = 0;
  let trimNext = false;
  for (const m of template.matchAll(ACTION)) {
    let text = template.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (m[1]) text = text.replace(/\s+$/, '');
    if (text) current().push({ type: 'text', text });
    last = m.index! + m[0].length;
    trimNext = Boolean(m[3]);

    const source = m[0];
    const tokens = tokenize(m[2], source);
    if (tokens.length === 0) throw new Error(`empty action ${source}`);
    const [head, ...rest] = tokens;
    if (head.startsWith('/*') || head.startsWith('$') || head.includes('(')) {
      throw new Error(`unsupported template syntax in ${source}`);
    }
    if (head === 'if') {
      const node = {
        type: 'if' as const,
        condition: parsePipeline(rest, source),
        then: [],
        otherwise: [],
      };
      current().push(node);
      stack.push({ node, inElse: false });
    } else if (head === 'else') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new Error(`unexpected ${source}`);
      if (rest.length > 0)
        throw new Error(
          `"else ${rest.join(' ')}" is not supported in ${source}`,
        );
      top.inElse = true;
    } else if (head === 'end') {
      if (!stack.pop() || rest.length > 0)
        throw new Error(`unexpected ${source}`);
    } else {
      current().push({
        type: 'output',
        pipeline: parsePipeline(tokens, source),
        source,
      });
    }
  }
  if (stack.length > 0)
    throw new Error('unexpected EOF: an {{ if }} is not closed by {{ end }}');
  let tail = template.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (tail) current().push({ type: 'text', text: tail });
  return root;
}

function field(params: Params, path: string[]): unknown {
  let value: unknown = params;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new Error(`can't evaluate field ${key} in a non-map value`);
    }
    if (!Object.prototype.hasOwnProperty.call(value, key)) {
      // missingkey=error
      throw new Error(`map has no entry for key "${key}"`);
    }
    value = (value as Params)[key];
  }
  return value;
}

function evaluate(
  pipeline: Pipeline,
  params: Params,
  functions: Record<string, TemplateFunction>,
): unknown {
  let piped: { value: unknown } | undefined;
  for (const [head, ...args] of pipeline) {
    if (head.kind === 'ident') {
      const fn = functions[head.name];
      if (!fn) throw new Error(`function "${head.name}" not defined`);
      const values = args.map(a => evaluate([[a]], params, functions));
      piped = { value: fn(...values, ...(piped ? [piped.value] : [])) };
    } else {
      if (args.length > 0 || piped)
        throw new Error(`can't give argument to non-function`);
      piped = {
        value: head.kind === 'field' ? field(params, head.path) : head.value,
      };
    }
  }
  return piped!.value;
}

// Go's truth: false, 0, "", nil and empty maps/slices are false.
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === 'object')
    return Object.keys(value).length > 0;
  return Boolean(value);
}

function print(value: unknown, source: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(
    `${source} prints a ${
      value === null ? 'nil' : typeof value
    }; only scalars are supported`,
  );
}

function run(
  nodes: Node[],
  params: Params,
  functions: Record<string, TemplateFunction>,
): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.text;
    else if (node.type === 'output')
      out += print(evaluate(node.pipeline, params, functions), node.source);
    else {
      const branch = truthy(evaluate(node.condition, params, functions))
        ? node.then
        : node.otherwise;
      out += run(branch, params, functions);
    }
  }
  return out;
}

/** Renders `template` with `params` as Argo CD does with goTemplate and missingkey=error. */
export function renderGoTemplate(
  template: string,
  params: Params,
  functions: Record<string, TemplateFunction> = templateFunctions,
): string {
  try {
    return run(parseTemplate(template), params, functions);
  } catch (e) {
    throw new Error(
      `failed to execute go template ${template}: ${(e as Error).message}`,
    );
  }
}
