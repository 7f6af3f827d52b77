import { promises as fs } from 'node:fs';
import path from 'node:path';

export type WorkspaceFile = {
  /** POSIX path relative to the pushed directory. */
  path: string;
  content: Buffer;
  executable: boolean;
};

/** Every file under `dir` (skipping `.git`), sorted by path so pushes are reproducible. */
export async function readWorkspaceFiles(
  dir: string,
): Promise<WorkspaceFile[]> {
  const files: WorkspaceFile[] = [];
  async function walk(rel: string) {
    const entries = await fs.readdir(path.join(dir, rel), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== '.git') await walk(childRel);
      } else if (entry.isFile()) {
        const full = path.join(dir, childRel);
        const stat = await fs.stat(full);
        files.push({
          path: childRel,
          content: await fs.readFile(full),
          // eslint-disable-next-line no-bitwise
          executable: (stat.mode & 0o111) !== 0,
        });
      }
    }
  }
  await walk('');
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
