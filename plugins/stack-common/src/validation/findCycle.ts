/**
 * The first cycle in a directed graph, as `[a, b, …, a]`, or undefined.
 * Nodes are tried in sorted order so the answer is stable.
 *
 * Depth-first with an explicit stack, not recursion: a chain of 12,000 linked
 * services would otherwise take 12,000 JavaScript frames and overflow the call
 * stack (bench/bounds.bench.ts runs that chain).
 */
export function findCycle(
  edges: ReadonlyMap<string, readonly string[]>,
): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const root of [...edges.keys()].sort()) {
    if (state.has(root)) continue;
    // path[i] is a node being visited; next[i] the index of its next edge to follow.
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'visiting');
    while (path.length > 0) {
      const top = path.length - 1;
      const n = path[top];
      const out = edges.get(n) ?? [];
      if (next[top] < out.length) {
        const m = out[next[top]++];
        const s = state.get(m);
        if (s === 'visiting') return [...path.slice(path.indexOf(m)), m];
        if (s === 'done') continue;
        state.set(m, 'visiting');
        path.push(m);
        next.push(0);
      } else {
        state.set(n, 'done');
        path.pop();
        next.pop();
      }
    }
  }
  return undefined;
}
