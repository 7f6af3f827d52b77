import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { TopologyGraph } from './TopologyGraph';
import type { Topology, TopologyNode } from '../../lib/topology';

function node(id: string, category: TopologyNode['category']): TopologyNode {
  const [kind, rest] = id.split(':');
  const name = rest.split('/')[1];
  return {
    id,
    kind,
    name,
    namespace: 'default',
    title: name,
    category,
    external: false,
  };
}

const topology: Topology = {
  nodes: [
    node('component:default/web', 'frontend'),
    node('component:default/orders', 'service'),
    node('resource:default/orders-db', 'database'),
  ],
  edges: [
    {
      from: 'component:default/web',
      to: 'component:default/orders',
      type: 'dependsOn',
    },
    {
      from: 'component:default/orders',
      to: 'resource:default/orders-db',
      type: 'dependsOn',
    },
  ],
};

describe('TopologyGraph', () => {
  it('draws every node with its health and every edge', async () => {
    await renderInTestApp(
      <TopologyGraph
        topology={topology}
        health={{
          'component:default/web': { health: 'Healthy', sync: 'Synced' },
          'component:default/orders': {
            health: 'Degraded',
            sync: 'OutOfSync',
            stale: true,
          },
        }}
        onOpen={jest.fn()}
      />,
    );
    expect(
      screen.getByRole('link', { name: 'web (Frontend): Healthy, Synced' }),
    ).toHaveAttribute('data-tone', 'ok');
    expect(
      screen.getByRole('link', {
        name: 'orders (Service): Degraded, OutOfSync (stale)',
      }),
    ).toHaveAttribute('data-tone', 'error');
    expect(
      screen.getByRole('link', {
        name: 'orders-db (Database): no health data',
      }),
    ).toHaveAttribute('data-tone', 'unknown');
    expect(screen.getAllByTestId('stack-topology-edge')).toHaveLength(2);
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent(
      'Degraded / missing',
    );
  });

  it('opens a node by click and by keyboard', async () => {
    const onOpen = jest.fn();
    await renderInTestApp(
      <TopologyGraph topology={topology} health={{}} onOpen={onOpen} />,
    );
    fireEvent.click(screen.getByRole('link', { name: /^web/ }));
    fireEvent.keyDown(screen.getByRole('link', { name: /^orders \(/ }), {
      key: 'Enter',
    });
    expect(onOpen.mock.calls.map(([n]) => n.id)).toEqual([
      'component:default/web',
      'component:default/orders',
    ]);
  });

  it('filters by kind, dropping the hidden nodes and their edges', async () => {
    await renderInTestApp(
      <TopologyGraph topology={topology} health={{}} onOpen={jest.fn()} />,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Database' }));
    expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(2);
    expect(screen.getAllByTestId('stack-topology-edge')).toHaveLength(1);
    expect(
      screen.getByLabelText('Stack topology, 2 nodes'),
    ).toBeInTheDocument();
  });

  it('zooms with the buttons and the wheel, pans by dragging, and resets', async () => {
    await renderInTestApp(
      <TopologyGraph topology={topology} health={{}} onOpen={jest.fn()} />,
    );
    const viewport = screen.getByTestId('stack-topology-viewport');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(viewport).toHaveAttribute('transform', 'translate(0 0) scale(1.25)');
    act(() => {
      fireEvent.wheel(screen.getByTestId('stack-topology'), { deltaY: 100 });
    });
    expect(viewport.getAttribute('transform')).toMatch(/scale\(1\.136/);
    const svg = screen.getByTestId('stack-topology');
    act(() => {
      fireEvent.pointerDown(svg, { clientX: 10, clientY: 10 });
      fireEvent.pointerMove(svg, { clientX: 40, clientY: 30 });
      fireEvent.pointerUp(svg);
    });
    expect(viewport.getAttribute('transform')).toMatch(/^translate\(30 20\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Reset view' }));
    expect(viewport).toHaveAttribute('transform', 'translate(0 0) scale(1)');
  });

  it('renders a 300-node stack', async () => {
    const nodes = Array.from({ length: 300 }, (_, i) =>
      node(`component:default/svc-${i}`, i % 3 ? 'service' : 'database'),
    );
    const edges = nodes.slice(1).map((n, i) => ({
      from: nodes[Math.floor(i / 3)].id,
      to: n.id,
      type: 'dependsOn' as const,
    }));
    await renderInTestApp(
      <TopologyGraph
        topology={{ nodes, edges }}
        health={{}}
        onOpen={jest.fn()}
      />,
    );
    expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(300);
    expect(screen.getAllByTestId('stack-topology-edge')).toHaveLength(299);
  });
});
