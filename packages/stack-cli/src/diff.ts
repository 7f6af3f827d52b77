const MAX_DIFF_CELLS = 4_000_000;

/** A line diff (longest common subsequence) in unified style, for drift reports. */
export function lineDiff(oldText: string, newText: string): string[] {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const n = a.length;
  const m = b.length;
  // The table is n × m: a rendered manifests file of a large stack has
  // 100,000+ lines, so past that size only the first difference is shown.
  if (n * m > MAX_DIFF_CELLS) {
    let k = 0;
    while (k < n && k < m && a[k] === b[k]) k++;
    return [
      `@@ first difference at line ${
        k + 1
      } (${n} → ${m} lines; too large for a full diff)`,
      ...(k < n ? [`-${a[k]}`] : []),
      ...(k < m ? [`+${b[k]}`] : []),
    ];
  }
  const lcs: number[][] = Array.from({ length: n + 1 }, () =>
    new Array(m + 1).fill(0),
  );
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] =
        a[i] === b[j]
          ? lcs[i + 1][j + 1] + 1
          : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out.push(`+${b[j++]}`);
    } else {
      out.push(`-${a[i++]}`);
    }
  }
  return out;
}
