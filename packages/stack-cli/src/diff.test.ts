import { lineDiff } from './diff';

describe('lineDiff', () => {
  it('diffs small files line by line', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc')).toEqual(['+x', '-b']);
  });

  it('shows only the first difference of files too large for the n × m table (a rendered manifests file)', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const changed = [...lines];
    changed[1499] = 'image: x:1.2.3';
    expect(lineDiff(lines.join('\n'), changed.join('\n'))).toEqual([
      '@@ first difference at line 1500 (3000 → 3000 lines; too large for a full diff)',
      '-line 1499',
      '+image: x:1.2.3',
    ]);
  });
});
