import { useMemo, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import {
  layoutTopology,
  NODE_HEIGHT,
  NODE_WIDTH,
} from '../../lib/layoutTopology';
import type { NodeCategory, Topology, TopologyNode } from '../../lib/topology';
import { KindFilter } from './KindFilter';
import { NodeHealth, TopologyDrawing } from './TopologyDrawing';
import { TopologyLegend } from './TopologyLegend';
import { TopologyViewport } from './TopologyViewport';
import { useZoomPan } from './useZoomPan';
import { ZoomControls } from './ZoomControls';

export type { NodeHealth } from './TopologyDrawing';

export interface TopologyGraphProps {
  topology: Topology;
  /** Keyed by node id; nodes without an entry show "no data". */
  health: Record<string, NodeHealth>;
  onOpen: (node: TopologyNode) => void;
  /** Id of the entity the page belongs to; drawn emphasised. */
  currentId?: string;
  height?: number;
}

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
}));

/**
 * The stack drawn as layered SVG: one node per entity coloured by its health
 * in the selected environment, a kind filter, zoom/pan and a legend.
 * Layout runs only when the graph or the filter changes, never on a health
 * or environment change.
 */
export function TopologyGraph({
  topology,
  health,
  onOpen,
  currentId,
  height = 560,
}: TopologyGraphProps) {
  const classes = useStyles();
  const categories = useMemo(
    () => [...new Set(topology.nodes.map(n => n.category))],
    [topology],
  );
  const [hidden, setHidden] = useState<Set<NodeCategory>>(new Set());
  const visible = useMemo(() => {
    const nodes = topology.nodes.filter(n => !hidden.has(n.category));
    const ids = new Set(nodes.map(n => n.id));
    const edges = topology.edges.filter(e => ids.has(e.from) && ids.has(e.to));
    return { nodes, edges };
  }, [topology, hidden]);
  const layout = useMemo(() => layoutTopology(visible), [visible]);
  const zoomPan = useZoomPan();

  const toggle = (category: NodeCategory) =>
    setHidden(prev => {
      const next = new Set(prev);
      if (next.has(category)) next.delete(category);
      else next.add(category);
      return next;
    });

  return (
    <div className={classes.root}>
      <div className={classes.toolbar}>
        <KindFilter categories={categories} hidden={hidden} onToggle={toggle} />
        <ZoomControls zoomBy={zoomPan.zoomBy} reset={zoomPan.reset} />
      </div>
      <TopologyLegend
        showStackParts={
          layout.nodes.some(n => n.fromStack) ||
          layout.edges.some(e => e.type === 'contains')
        }
      />
      <TopologyViewport
        zoomPan={zoomPan}
        width={Math.max(layout.width, NODE_WIDTH + 32)}
        height={Math.max(layout.height, NODE_HEIGHT + 32)}
        displayHeight={height}
        label={`Stack topology, ${layout.nodes.length} nodes`}
      >
        <TopologyDrawing
          layout={layout}
          health={health}
          onOpen={onOpen}
          currentId={currentId}
        />
      </TopologyViewport>
    </div>
  );
}
