import { ReactNode } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { useZoomPan } from './useZoomPan';

const useStyles = makeStyles(theme => ({
  canvas: {
    display: 'block',
    // Height follows the drawing's aspect ratio, up to `maxHeight`: no empty
    // band above and below a wide, flat graph.
    width: '100%',
    height: 'auto',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    touchAction: 'none',
    cursor: 'grab',
    userSelect: 'none',
  },
}));

/** Smallest viewBox: a graph narrower than this is drawn at most ~1:1 on a laptop. */
const MIN_WIDTH = 960;
const MIN_HEIGHT = 240;

export interface TopologyViewportProps {
  zoomPan: ReturnType<typeof useZoomPan>;
  /** Size of the laid-out drawing, for the viewBox. */
  width: number;
  height: number;
  /** Largest height of the SVG on the page; its width follows the container. */
  displayHeight: number;
  label: string;
  children: ReactNode;
}

/**
 * The SVG the graph is drawn in: fills the container's width, scales the
 * drawing to fit, and applies the zoom/pan view to it. Also defines the
 * arrow head the edges use.
 */
export function TopologyViewport({
  zoomPan,
  width,
  height,
  displayHeight,
  label,
  children,
}: TopologyViewportProps) {
  const classes = useStyles();
  const theme = useTheme();
  const { view, svgRef, handlers } = zoomPan;
  // A small graph is centred in a minimum canvas instead of blown up to the
  // container's width.
  const boxWidth = Math.max(width, MIN_WIDTH);
  const boxHeight = Math.max(height, MIN_HEIGHT);
  return (
    <svg
      ref={svgRef}
      className={classes.canvas}
      style={{ maxHeight: displayHeight }}
      viewBox={`${(width - boxWidth) / 2} ${
        (height - boxHeight) / 2
      } ${boxWidth} ${boxHeight}`}
      aria-label={label}
      data-testid="stack-topology"
      {...handlers}
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
        {children}
      </g>
    </svg>
  );
}
