import { PointerEvent, useEffect, useRef, useState } from 'react';

/** Scale `k` and translation of the drawing inside the SVG. */
export interface View {
  k: number;
  x: number;
  y: number;
}

const HOME: View = { k: 1, x: 0, y: 0 };
const clampScale = (k: number) => Math.min(4, Math.max(0.1, k));

/**
 * Zoom (wheel, or `zoomBy` for buttons) and pan (pointer drag) of an SVG.
 * Returns the ref and pointer handlers for the `<svg>` and the view to apply.
 */
export function useZoomPan() {
  const [view, setView] = useState<View>(HOME);
  const svgRef = useRef<SVGSVGElement>(null);
  const drag = useRef<{ x: number; y: number } | null>(null);

  // React registers wheel listeners as passive; zooming must prevent scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const factor = e.deltaY < 0 ? 1.1 : 1 / 1.1;
      setView(v => ({ ...v, k: clampScale(v.k * factor) }));
    };
    svg.addEventListener('wheel', onWheel, { passive: false });
    return () => svg.removeEventListener('wheel', onWheel);
  }, []);

  const end = () => {
    drag.current = null;
  };
  const handlers = {
    onPointerDown: (e: PointerEvent) => {
      drag.current = { x: e.clientX, y: e.clientY };
    },
    onPointerMove: (e: PointerEvent) => {
      const start = drag.current;
      if (!start) return;
      drag.current = { x: e.clientX, y: e.clientY };
      setView(v => ({
        ...v,
        x: v.x + (e.clientX - start.x),
        y: v.y + (e.clientY - start.y),
      }));
    },
    onPointerUp: end,
    onPointerLeave: end,
  };

  return {
    view,
    svgRef,
    handlers,
    zoomBy: (factor: number) =>
      setView(v => ({ ...v, k: clampScale(v.k * factor) })),
    reset: () => setView(HOME),
  };
}
