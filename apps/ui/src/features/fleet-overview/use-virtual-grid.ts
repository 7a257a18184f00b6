import { useLayoutEffect, useState, type RefObject } from 'react';

/** Geometry of the tile grid; tiles have a fixed height so rows can be computed, not measured. */
export interface GridGeometry {
  readonly minTileWidth: number;
  readonly rowHeight: number;
  readonly gap: number;
  /** Extra rows rendered above and below the viewport, so fast scrolling shows no holes. */
  readonly overscan: number;
}

/** Which part of the grid to render. */
export interface VisibleRange {
  readonly columns: number;
  readonly firstRow: number;
  readonly lastRow: number;
}

function computeRange(el: HTMLElement, geometry: GridGeometry): VisibleRange {
  const width = el.clientWidth;
  const columns = Math.max(1, Math.floor((width + geometry.gap) / (geometry.minTileWidth + geometry.gap)));
  const top = el.getBoundingClientRect().top;
  const pitch = geometry.rowHeight + geometry.gap;
  const firstVisible = Math.floor(Math.max(0, -top) / pitch);
  const lastVisible = Math.floor(Math.max(0, window.innerHeight - top) / pitch);
  return { columns, firstRow: Math.max(0, firstVisible - geometry.overscan), lastRow: lastVisible + geometry.overscan };
}

function sameRange(a: VisibleRange, b: VisibleRange): boolean {
  return a.columns === b.columns && a.firstRow === b.firstRow && a.lastRow === b.lastRow;
}

/**
 * Row virtualisation against the window's scroll: only the rows in view (plus overscan) are
 * rendered, so 500 devices cost what the ~40 visible tiles cost.
 */
export function useVirtualGrid(ref: RefObject<HTMLElement | null>, geometry: GridGeometry): VisibleRange {
  const [range, setRange] = useState<VisibleRange>({ columns: 1, firstRow: 0, lastRow: 20 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let frame = 0;
    const update = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const next = computeRange(el, geometry);
        setRange((prev) => (sameRange(prev, next) ? prev : next));
      });
    };
    setRange(computeRange(el, geometry));
    const observer = new ResizeObserver(update);
    observer.observe(el);
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [ref, geometry]);
  return range;
}
