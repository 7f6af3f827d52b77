import { existsSync, readFileSync } from 'fs';
import { dirname, join, resolve } from 'path';

/**
 * Unknown-field detection for the kubernetes-models types whose schema is
 * not vendored here (core, RBAC, CloudNativePG, External Secrets; Argo CD's
 * kinds are checked against Argo CD's own CRDs, crdFields.ts). Their
 * validators accept any extra property, while the API server (strict field
 * validation) refuses or drops it, so a misspelt field would pass the schema
 * check and silently do nothing. The packages ship compiled validators, no
 * JSON schema; their generated `.d.ts` files list every field, so this reads
 * them: interfaces, type aliases, `Array<…>`, inline objects, index
 * signatures and unions — the forms the generator emits; anything else throws.
 */

type TypeNode =
  | { t: 'any' }
  | { t: 'array'; of: TypeNode }
  | { t: 'object'; props: Map<string, TypeNode>; index?: TypeNode }
  | { t: 'ref'; file: string; name: string }
  | { t: 'union'; of: TypeNode[] };

const SCALARS = new Set([
  'string',
  'number',
  'boolean',
  'null',
  'undefined',
  'any',
  'unknown',
  'object',
]);

function findNodeModules(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', 'kubernetes-models')))
      return join(dir, 'node_modules');
    if (dirname(dir) === dir)
      throw new Error('node_modules with @kubernetes-models not found');
  }
}
const NODE_MODULES = findNodeModules(__dirname); // eslint-disable-line no-restricted-syntax

function specifierToFile(spec: string, fromFile: string): string {
  const base = spec.startsWith('.')
    ? resolve(dirname(fromFile), spec)
    : join(NODE_MODULES, spec);
  return `${base.replace(/\.js$/, '')}.d.ts`;
}

interface ParsedFile {
  declarations: Map<string, TypeNode>;
  imports: Map<string, { file: string; name: string }>;
  aliases: Map<string, string>;
}

function tokenize(source: string): string[] {
  const stripped = source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ');
  return (
    stripped.match(
      /"(?:[^"\\]|\\.)*"|[A-Za-z_$][\w$]*|[{}<>:;?|[\],=()]|\S/g,
    ) ?? []
  );
}

class Parser {
  pos = 0;
  constructor(readonly tokens: string[], private readonly file: string) {}
  peek = () => this.tokens[this.pos];
  next = () => this.tokens[this.pos++];
  expect(token: string) {
    const got = this.next();
    if (got !== token)
      throw new Error(`${this.file}: expected "${token}", got "${got}"`);
  }
  type(): TypeNode {
    const options = [this.primary()];
    while (this.peek() === '|') {
      this.next();
      options.push(this.primary());
    }
    return options.length === 1 ? options[0] : { t: 'union', of: options };
  }
  primary(): TypeNode {
    const tok = this.next();
    if (tok.startsWith('"') || SCALARS.has(tok)) return { t: 'any' };
    if (tok === 'Array') {
      this.expect('<');
      const of = this.type();
      this.expect('>');
      return { t: 'array', of };
    }
    if (tok === '{') return this.members();
    if (/^[A-Za-z_$][\w$]*$/.test(tok))
      return { t: 'ref', file: this.file, name: tok };
    throw new Error(`${this.file}: unsupported type syntax "${tok}"`);
  }
  /** After "{": members up to the closing "}". */
  members(): TypeNode {
    const props = new Map<string, TypeNode>();
    let index: TypeNode | undefined;
    while (this.peek() !== '}') {
      if (this.peek() === '[') {
        while (this.next() !== ']');
        this.expect(':');
        index = this.type();
      } else {
        const name = this.next().replace(/^"|"$/g, '');
        if (this.peek() === '?') this.next();
        this.expect(':');
        props.set(name, this.type());
      }
      if (this.peek() === ';' || this.peek() === ',') this.next();
    }
    this.next();
    return { t: 'object', props, index };
  }
}

const files = new Map<string, ParsedFile>();

function parseFile(file: string): ParsedFile {
  const cached = files.get(file);
  if (cached) return cached;
  const tokens = tokenize(readFileSync(file, 'utf8'));
  const p = new Parser(tokens, file);
  const parsed: ParsedFile = {
    declarations: new Map(),
    imports: new Map(),
    aliases: new Map(),
  };
  while (p.pos < tokens.length) {
    const tok = p.next();
    if (tok === 'import') {
      p.expect('{');
      const names: string[] = [];
      while (p.peek() !== '}') {
        const n = p.next();
        if (n !== ',') names.push(n);
      }
      p.next();
      p.expect('from');
      const spec = p.next().slice(1, -1);
      for (const n of names)
        parsed.imports.set(n, { file: specifierToFile(spec, file), name: n });
    } else if (tok === 'export' && p.peek() === 'interface') {
      p.next();
      const name = p.next();
      while (p.peek() !== '{') p.next(); // `extends TypeMeta`: its fields are redeclared
      p.next();
      const body = p.members();
      // An empty interface (RawExtension) stands for arbitrary content.
      parsed.declarations.set(
        name,
        body.t === 'object' && body.props.size === 0 ? { t: 'any' } : body,
      );
    } else if (
      tok === 'export' &&
      p.peek() === 'type' &&
      p.tokens[p.pos + 1] === '{'
    ) {
      p.next();
      p.next();
      while (p.peek() !== '}') {
        const local = p.next();
        if (local === ',') continue;
        if (p.peek() === 'as') {
          p.next();
          parsed.aliases.set(p.next(), local);
        }
      }
      p.next();
    } else if (tok === 'export' && p.peek() === 'type') {
      p.next();
      const name = p.next();
      p.expect('=');
      parsed.declarations.set(name, p.type());
    } else if (tok === 'export' && p.peek() === 'declare') {
      // `export declare class …`: the model class, not a data type; skip its body.
      while (p.peek() !== '{') p.next();
      let depth = 0;
      do {
        const t = p.next();
        if (t === '{') depth++;
        if (t === '}') depth--;
      } while (depth > 0);
    }
  }
  files.set(file, parsed);
  return parsed;
}

function lookup(file: string, name: string): TypeNode {
  const parsed = parseFile(file);
  const local = parsed.aliases.get(name) ?? name;
  const declared = parsed.declarations.get(local);
  if (declared) return declared;
  const imported = parsed.imports.get(local);
  if (imported) return lookup(imported.file, imported.name);
  throw new Error(`type ${name} not found in ${file}`);
}

function check(
  value: unknown,
  type: TypeNode,
  path: string,
  out: string[],
): void {
  if (value === null || value === undefined) return;
  switch (type.t) {
    case 'any':
      return;
    case 'ref':
      check(value, lookup(type.file, type.name), path, out);
      return;
    case 'array':
      if (Array.isArray(value))
        value.forEach((v, i) => check(v, type.of, `${path}[${i}]`, out));
      return;
    case 'union': {
      const attempts = type.of.map(option => {
        const errors: string[] = [];
        check(value, option, path, errors);
        return errors;
      });
      if (!attempts.some(a => a.length === 0)) out.push(...attempts[0]);
      return;
    }
    default:
      if (typeof value !== 'object' || Array.isArray(value)) return;
      for (const [key, v] of Object.entries(value)) {
        const field = type.props.get(key) ?? type.index;
        if (field) check(v, field, `${path}.${key}`, out);
        else out.push(`${path}.${key} is not a field of this kind`);
      }
  }
}

/**
 * The fields of `obj` that its type does not have. `module` is the models
 * import path of the kind (e.g. `kubernetes-models/v1/Namespace`).
 */
export function unknownFields(obj: { kind: string }, module: string): string[] {
  const out: string[] = [];
  check(
    obj,
    lookup(join(NODE_MODULES, `${module}.d.ts`), `I${obj.kind}`),
    obj.kind,
    out,
  );
  return out;
}
