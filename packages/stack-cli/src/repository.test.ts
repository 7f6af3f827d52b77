import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Repository } from './repository';

describe('Repository', () => {
  let dir: string;
  let repo: Repository;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-repo-'));
    repo = new Repository(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    '../escape.yaml',
    'deploy/../../escape.yaml',
    'deploy/./x.yaml',
    '/etc/passwd',
    'deploy//x.yaml',
    'deploy\\..\\x.yaml',
  ])('refuses the path %s before touching the disk', rel => {
    expect(() => repo.write(rel, 'x')).toThrow(
      `${rel}: not a plain path inside ${repo.root}`,
    );
    expect(() => repo.read(rel)).toThrow('not a plain path');
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.existsSync(path.join(path.dirname(dir), 'escape.yaml'))).toBe(
      false,
    );
  });

  it('creates directories one by one and refuses a link among them', () => {
    repo.write('deploy/base/a.yaml', 'a: 1\n');
    expect(repo.read('deploy/base/a.yaml')).toBe('a: 1\n');
    const elsewhere = fs.mkdtempSync(
      path.join(os.tmpdir(), 'stack-elsewhere-'),
    );
    fs.symlinkSync(elsewhere, path.join(dir, 'deploy/overlays'));
    expect(() => repo.write('deploy/overlays/dev/k.yaml', 'x')).toThrow(
      'deploy/overlays is a symbolic link',
    );
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(() => repo.list('deploy')).toThrow(
      'deploy/overlays is a symbolic link',
    );
    fs.rmSync(elsewhere, { recursive: true });
  });
});
