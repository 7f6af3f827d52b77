import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The one directory the CLI reads and writes in. Paths are relative, use '/'
 * and never contain '..'; a symbolic link anywhere below the root is refused,
 * so a committed `deploy -> /etc` or `deploy/base/x.yaml -> ~/.ssh/id_rsa`
 * can neither be printed by `check` nor written or deleted by `generate`.
 * Writes go to a temporary file in the same directory and are renamed into
 * place, so a reader never sees half a file and a hard link to a file outside
 * is replaced, not written through. (The checks defend against hostile
 * repository content, not against another local process racing the CLI.)
 */
export class Repository {
  readonly root: string;

  constructor(root: string) {
    this.root = fs.realpathSync(root);
  }

  /** Absolute path of `rel` after checking it stays inside and crosses no symlink. */
  resolve(rel: string): string {
    const parts = rel.split('/');
    if (
      path.isAbsolute(rel) ||
      rel.includes('\\') ||
      parts.some(p => p === '..' || p === '' || p === '.')
    ) {
      throw new Error(
        `${rel}: not a plain path inside ${this.root} (no '..', '.', empty or absolute segments)`,
      );
    }
    let at = this.root;
    for (const part of parts) {
      at = path.join(at, part);
      const stat = fs.lstatSync(at, { throwIfNoEntry: false });
      if (!stat) break; // nothing below a missing directory exists either
      if (stat.isSymbolicLink()) {
        throw new Error(
          `${path.relative(
            this.root,
            at,
          )} is a symbolic link; stack reads and writes only inside ${
            this.root
          } and follows no links`,
        );
      }
    }
    return path.join(this.root, ...parts);
  }

  /** Every regular file below `dir`, relative to the root, sorted; refuses links and special files. */
  list(dir: string): string[] {
    const start = this.resolve(dir);
    if (!fs.existsSync(start)) return [];
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        const rel = path.relative(this.root, p).split(path.sep).join('/');
        if (e.isSymbolicLink()) this.resolve(rel); // throws, naming it
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) out.push(rel);
        else throw new Error(`${rel} is not a regular file`);
      }
    };
    walk(start);
    return out.sort();
  }

  /** Reads a regular file that has no other name outside (one hard link). */
  read(rel: string): string {
    const fd = fs.openSync(
      this.resolve(rel),
      fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW,
    );
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile()) throw new Error(`${rel} is not a regular file`);
      if (stat.nlink > 1)
        throw new Error(
          `${rel} has ${stat.nlink} hard links; stack reads no file that may live outside ${this.root}`,
        );
      return fs.readFileSync(fd, 'utf8');
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Writes `rel` atomically: a temporary file beside it, then a rename. */
  write(rel: string, content: string): void {
    const target = this.resolve(rel);
    this.mkdirs(path.dirname(rel));
    const temp = path.join(
      path.dirname(target),
      `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    try {
      fs.writeFileSync(temp, content, { flag: 'wx' });
      fs.renameSync(temp, target);
    } catch (e) {
      fs.rmSync(temp, { force: true });
      throw e;
    }
  }

  remove(rel: string): void {
    fs.rmSync(this.resolve(rel));
  }

  /** Creates the directories of `rel` one by one, refusing links among them. */
  private mkdirs(rel: string): void {
    if (rel === '.') return;
    let sofar = '';
    for (const part of rel.split('/')) {
      sofar = sofar ? `${sofar}/${part}` : part;
      const at = this.resolve(sofar);
      const stat = fs.lstatSync(at, { throwIfNoEntry: false });
      if (!stat) fs.mkdirSync(at);
      else if (!stat.isDirectory())
        throw new Error(`${sofar} is not a directory`);
    }
  }
}
