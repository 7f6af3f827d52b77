// Renders a skeleton the way fetch:template does for what our skeletons use:
// `${{ values.<key> }}` and `${{ values.<key> | dump }}` substitutions and `{% raw %}…{% endraw %}` blocks (kept
// verbatim). Anything else that looks like a template tag is an error, so a
// skeleton cannot silently grow syntax this renderer does not understand.
// Usage: node render-skeleton.mjs <skeleton-dir> <out-dir> key=value...
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [src, out, ...pairs] = process.argv.slice(2);
const values = Object.fromEntries(
  pairs.map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
);

function render(text, file) {
  return text
    .split(/(\{% raw %\}[\s\S]*?\{% endraw %\})/)
    .map(part => {
      if (part.startsWith('{% raw %}'))
        return part.slice('{% raw %}'.length, -'{% endraw %}'.length);
      const done = part.replace(
        /\$\{\{\s*values\.(\w+)\s*(\|\s*dump\s*)?\}\}/g,
        (_, key, dump) => {
          if (!(key in values)) throw new Error(`${file}: no value for ${key}`);
          // nunjucks' built-in `dump` is JSON.stringify; a JSON string is also a valid
          // YAML double-quoted scalar, TOML basic string and Python/JS string literal.
          return dump ? JSON.stringify(values[key]) : values[key];
        },
      );
      if (/\$\{\{|\{%/.test(done))
        throw new Error(`${file}: template syntax this renderer does not know`);
      return done;
    })
    .join('');
}

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full);
    else {
      const target = join(out, relative(src, full));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(
        target,
        render(readFileSync(full, 'utf8'), relative(src, full)),
      );
    }
  }
}
walk(src);
