import { KeyboardEvent } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@idp-stack/plugin-stack-common';
import { healthTone, syncTone, Tone } from '../../lib/healthTone';
import { toneColor } from '../../lib/toneColor';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  type TopologyLayout,
} from '../../lib/layoutTopology';
import type { TopologyEdgeType, TopologyNode } from '../../lib/topology';
import { CATEGORY_LABELS } from './labels';

/** Health of one node in the selected environment. */
export interface NodeHealth {
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
  stale?: boolean;
}

const useStyles = makeStyles({
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus-visible rect:first-of-type, &:hover rect:first-of-type': {
      strokeWidth: 3,
    },
  },
});

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
  const status =
    [h?.health, h?.sync].filter(Boolean).join(', ') || 'no health data';
  const stale = h?.stale ? ' (stale)' : '';
  const only = node.fromStack ? ' (only in stack.yaml)' : '';
  return `${node.title} (${
    CATEGORY_LABELS[node.category]
  }): ${status}${stale}${only}`;
}

export interface TopologyDrawingProps {
  layout: TopologyLayout;
  health: Record<string, NodeHealth>;
  onOpen: (node: TopologyNode) => void;
  currentId?: string;
}

/**
 * Edges, their labels and the nodes of a laid-out topology, in SVG
 * coordinates. Each node is a focusable link coloured by its health; Enter
 * or Space opens it.
 */
export function TopologyDrawing({
  layout,
  health,
  onOpen,
  currentId,
}: TopologyDrawingProps) {
  const classes = useStyles();
  const theme = useTheme();
  const secondary = theme.palette.text.secondary;

  const onKey = (node: TopologyNode) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(node);
    }
  };

  return (
    <>
      {layout.edges.map(edge => (
        <path
          key={`${edge.from}|${edge.to}|${edge.type}`}
          d={edge.points
            .map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`)
            .join(' ')}
          fill="none"
          stroke={secondary}
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
            fill={secondary}
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
            transform={`translate(${node.x - NODE_WIDTH / 2} ${
              node.y - NODE_HEIGHT / 2
            })`}
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
              rx={
                ['database', 'cache', 'bucket'].includes(node.category) ? 14 : 4
              }
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
            <text x={14} y={34} fontSize={11} fill={secondary}>
              {CATEGORY_LABELS[node.category]}
              {h?.health ? ` · ${h.health}` : ''}
              {h?.stale ? ' · stale' : ''}
            </text>
          </g>
        );
      })}
    </>
  );
}
