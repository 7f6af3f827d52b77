// The template editor opens a local folder through the File System Access API,
// whose native picker a headless browser cannot answer. This replaces
// window.showDirectoryPicker, before the app loads, with one that copies the
// given files into the browser's origin-private file system and returns that
// folder: a real FileSystemDirectoryHandle, which the editor can also keep in
// IndexedDB (a hand-made object could not be cloned there).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Reads a folder into { 'relative/path': 'text' }. */
export function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return files;
}

/** Runs in the page: installs the picker over the given files. */
export function installFakeDirectoryPicker(init: {
  name: string;
  files: Record<string, string>;
}) {
  (window as any).showDirectoryPicker = async () => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(init.name, { recursive: true }).catch(() => {});
    const folder = await root.getDirectoryHandle(init.name, { create: true });
    for (const [path, text] of Object.entries(init.files)) {
      const parts = path.split('/');
      let dir = folder;
      for (const part of parts.slice(0, -1)) {
        dir = await dir.getDirectoryHandle(part, { create: true });
      }
      const file = await dir.getFileHandle(parts[parts.length - 1], {
        create: true,
      });
      const writable = await (file as any).createWritable();
      await writable.write(text);
      await writable.close();
    }
    return folder;
  };
}
