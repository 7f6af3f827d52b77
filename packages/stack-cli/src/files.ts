import fs from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, as paths relative to `root`, sorted. */
export function listFiles(root: string, dir: string): string[] {
  const start = path.join(root, dir);
  if (!fs.existsSync(start)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  walk(start);
  return out.sort();
}
