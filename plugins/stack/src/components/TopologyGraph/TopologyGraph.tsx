import { KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@internal/plugin-stack-common';
import { healthTone, syncTone, Tone } from '../../lib/healthTone';
import { toneColor } from '../../lib/toneColor';
import {
  layoutTopology,
  NODE_HEIGHT,
  NODE_WIDTH,
} from '../../lib/layoutTopology';
import type {
  NodeCategory,
  Topology,
  TopologyEdgeType,
  TopologyNode,
} from '../../lib/topology';

/** Health of one node in the selected environment. */
export interface NodeHealth {
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
  stale?: boolean;
}

export interface TopologyGraphProps {
  topology: Topology;
  /** Keyed by node id; nodes without an entry show "no data". */
  health: Record<string, NodeHealth>;
  onOpen: (node: TopologyNode) => void;
  /** Id of the entity the page belongs to; drawn emphasised. */
  currentId?: string;
  height?: number;
}

const CATEGORY_LABELS: Record<NodeCategory, string> = {
  service: 'Service',
  frontend: 'Frontend',
  database: 'Database',
  cache: 'Cache db',
  queue: 'Queue',
  deadLetter: 'Dead-letter queue',
  exchange: 'Exchange',
  bucket: 'Bucket',
  api: 'API',
  resource: 'Resource',
  other: 'Other',
};

const TONE_LABELS: Array<[Tone, string]> = [
  ['ok', 'Healthy'],
  ['progress', 'Progressing'],
  ['warning', 'Suspended / out of sync'],
  ['error', 'Degraded / missing'],
  ['unknown', 'Unknown / no data'],
];

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', flexDirection: 'column', gap: theme.spacing(1) },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    fontSize: theme.typography.caption.fontSize,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 4,
  },
  canvas: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    touchAction: 'none',
    cursor: 'grab',
    userSelect: 'none',
  },
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible rect:first-of-type, &:hover rect:first-of-type': {
      strokeWidth: 3,
    },
  },
  zoomButton: {
    font: 'inherit',
    minWidth: 32,
    padding: theme.spacing(0.25, 1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    cursor: 'pointer',
  },
}));

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Solid: depends on / stack.yaml link; dashed: APIs; dotted: held by / dead letters (stack.yaml). */
const EDGE_DASH: Record<TopologyEdgeType, string | undefined> = {
  dependsOn: undefined,
  link: undefined,
  providesApi: '5 4',
  consumesApi: '5 4',
  contains: '2 3',
  deadLetter: '2 3',
};

/** Where an edge's label sits: the middle of its polyline. */
function midpoint(points: Array<{ x: number; y: number }>) {
  const a = points[Math.floor((points.length - 1) / 2)];
  const b = points[Math.ceil((points.length - 1) / 2)];
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/** Dotted outline: only in stack.yaml; dashed: outside the system. */
function nodeDash(node: TopologyNode) {
  if (node.fromStack) return '2 2';
  return node.external ? '4 3' : undefined;
}

function nodeTone(h: NodeHealth | undefined): Tone {
  if (!h) return 'unknown';
  return h.health ? healthTone(h.health) : syncTone(h.sync);
}

function describe(node: TopologyNode, h: NodeHealth | undefined) {
  const status = [h?.health, h?.sync].filter(Boolean).join(', ') || 'no health data';
  const stale = h?.stale ? ' (stale)' : '';
  const only = node.fromStack ? ' (only in stack.yaml)' : '';
  return `${node.title} (${CATEGORY_LABELS[node.category]}): ${status}${stale}${only}`;
}

/**
 * The stack drawn as layered SVG: one node per entity coloured by its health
 * in the selected environment, zoom (wheel or buttons) and pan (drag), a kind
 * filter and a legend. Nodes are keyboard focusable; Enter opens the entity.
 * Layout runs only when the graph or the filter changes, never on a health or
 * environment change.
 */
export function TopologyGraph({
  topology,
  health,
  onOpen,
  currentId,
  height = 560,
}: TopologyGraphProps) {
  const classes = useStyles();
  const theme = useTheme();
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

  const [view, setView] = useState({ k: 1, x: 0, y: 0 });
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);

  // React registers wheel listeners as passive; zooming must prevent scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const factor = e.deltaY < 0 ? 1.1 : 1 / 1.1;
      setView(v => ({ ...v, k: Math.min(4, Math.max(0.1, v.k * factor)) }));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const zoom = (factor: number) =>
    setView(v => ({ ...v, k: Math.min(4, Math.max(0.1, v.k * factor)) }));

  const toggle = (category: NodeCategory) =>
    setHidden(prev => {
      const next = new Set(prev);
      if (next.has(category)) next.delete(category);
      else next.add(category);
      return next;
    });

  const onKey = (node: TopologyNode) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(node);
    }
  };

  const width = Math.max(layout.width, NODE_WIDTH + 32);
  const contentHeight = Math.max(layout.height, NODE_HEIGHT + 32);

  return (
    <div className={classes.root}>
      <div className={classes.toolbar}>
        <fieldset className={classes.fieldset}>
          <legend className="MuiTypography-caption">Show kinds</legend>
          {categories.map(category => (
            <label key={category}>
              <input
                type="checkbox"
                checked={!hidden.has(category)}
                onChange={() => toggle(category)}
              />{' '}
              {CATEGORY_LABELS[category]}
            </label>
          ))}
        </fieldset>
        <div role="group" aria-label="Zoom">
          <button type="button" className={classes.zoomButton} aria-label="Zoom in" onClick={() => zoom(1.25)}>
            +
          </button>{' '}
          <button type="button" className={classes.zoomButton} aria-label="Zoom out" onClick={() => zoom(0.8)}>
            −
          </button>{' '}
          <button
            type="button"
            className={classes.zoomButton}
            aria-label="Reset view"
            onClick={() => setView({ k: 1, x: 0, y: 0 })}
          >
            Reset
          </button>
        </div>
      </div>
      <ul className={classes.legend} aria-label="Legend">
        {TONE_LABELS.map(([tone, label]) => (
          <li key={tone}>
            <span
              className={classes.swatch}
              style={{ background: toneColor(theme, tone) }}
              aria-hidden
            />
            {label}
          </li>
        ))}
        <li>dashed line: API provided/consumed; solid: depends on / stack.yaml link, labelled with access and path prefix</li>
        {layout.nodes.some(n => n.fromStack) || layout.edges.some(e => e.type === 'contains') ? (
          <li>dotted line: database, queue, bucket of a component, or dead letters (stack.yaml); dotted outline: only in stack.yaml</li>
        ) : null}
      </ul>
      <svg
        ref={svgRef}
        className={classes.canvas}
        width="100%"
        height={height}
        viewBox={`0 0 ${width} ${contentHeight}`}
        aria-label={`Stack topology, ${layout.nodes.length} nodes`}
        data-testid="stack-topology"
        onPointerDown={e => {
          drag.current = { x: e.clientX, y: e.clientY };
        }}
        onPointerMove={e => {
          const start = drag.current;
          if (!start) return;
          drag.current = { x: e.clientX, y: e.clientY };
          setView(v => ({
            ...v,
            x: v.x + (e.clientX - start.x),
            y: v.y + (e.clientY - start.y),
          }));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onPointerLeave={() => {
          drag.current = null;
        }}
      >
        <defs>
          <marker
            id="stack-topology-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M 0 0 L 10 5 L 0 10 z" fill={theme.palette.text.secondary} />
          </marker>
        </defs>
        <g
          data-testid="stack-topology-viewport"
          transform={`translate(${view.x} ${view.y}) scale(${view.k})`}
        >
          {layout.edges.map(edge => (
            <path
              key={`${edge.from}|${edge.to}|${edge.type}`}
              d={edge.points
                .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`)
                .join(' ')}
              fill="none"
              stroke={theme.palette.text.secondary}
              strokeWidth={1.25}
              strokeDasharray={EDGE_DASH[edge.type]}
              markerEnd="url(#stack-topology-arrow)"
              data-testid="stack-topology-edge"
              data-edge-type={edge.type}
            />
          ))}
          {layout.edges.map(edge => {
            if (!edge.label) return null;
            const at = midpoint(edge.points);
            return (
              <text
                key={`label|${edge.from}|${edge.to}|${edge.type}`}
                x={at.x + 4}
                y={at.y}
                fontSize={10}
                fill={theme.palette.text.secondary}
                stroke={theme.palette.background.default}
                strokeWidth={3}
                paintOrder="stroke"
                data-testid="stack-topology-edge-label"
              >
                {edge.label}
              </text>
            );
          })}
          {layout.nodes.map(node => {
            const h = health[node.id];
            const tone = nodeTone(h);
            const color = toneColor(theme, tone);
            const isCurrent = node.id === currentId;
            return (
              <g
                key={node.id}
                className={classes.node}
                transform={`translate(${node.x - NODE_WIDTH / 2} ${node.y - NODE_HEIGHT / 2})`}
                role="link"
                tabIndex={0}
                aria-label={describe(node, h)}
                data-testid="stack-topology-node"
                data-tone={tone}
                onClick={() => onOpen(node)}
                onKeyDown={onKey(node)}
                onPointerDown={e => e.stopPropagation()}
              >
                <rect
                  width={NODE_WIDTH}
                  height={NODE_HEIGHT}
                  rx={['database', 'cache', 'bucket'].includes(node.category) ? 14 : 4}
                  fill={theme.palette.background.paper}
                  stroke={isCurrent ? theme.palette.primary.main : color}
                  strokeWidth={isCurrent ? 3 : 1.5}
                  strokeDasharray={nodeDash(node)}
                  opacity={h?.stale ? 0.6 : 1}
                />
                <rect x={0} y={0} width={6} height={NODE_HEIGHT} fill={color} />
                <text x={14} y={18} fontSize={13} fill={theme.palette.text.primary}>
                  {truncate(node.title, 20)}
                </text>
                <text x={14} y={34} fontSize={11} fill={theme.palette.text.secondary}>
                  {CATEGORY_LABELS[node.category]}
                  {h?.health ? ` · ${h.health}` : ''}
                  {h?.stale ? ' · stale' : ''}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
    </div>
  );
}
