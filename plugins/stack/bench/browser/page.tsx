// The topology page of the browser benchmark: a 300-node stack graph in
// TopologyGraph under the Backstage theme. Marks `window.__interactive` once
// the graph has been painted and the main thread is free again.
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '@material-ui/core/styles';
import { darkTheme, lightTheme } from '@backstage/theme';
import { TopologyGraph } from '../../src/components/TopologyGraph/TopologyGraph';
import type { NodeHealth } from '../../src/components/TopologyGraph/TopologyGraph';
import { stackGraph } from './stackGraph';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 300);
const theme = params.get('theme') === 'dark' ? darkTheme : lightTheme;
const topology = stackGraph(n);
const health: Record<string, NodeHealth> = Object.fromEntries(
  topology.nodes.map((node, i) => [
    node.id,
    { health: i % 5 ? 'Healthy' : 'Degraded', sync: 'Synced' },
  ]),
);

function Page() {
  useEffect(() => {
    // After the commit, wait for the next frame to be painted, then for a free task.
    requestAnimationFrame(() =>
      setTimeout(() => {
        (window as any).__interactive = performance.now();
      }, 0),
    );
  }, []);
  return (
    <ThemeProvider theme={theme}>
      <TopologyGraph topology={topology} health={health} onOpen={() => {}} />
    </ThemeProvider>
  );
}

createRoot(document.getElementById('root')!).render(<Page />);
