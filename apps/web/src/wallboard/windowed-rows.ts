// Drawing only the rows of a long table that are in view: every row has the same height, the
// scrolled-past rows are one spacer row above and one below. Used by the agent grid (thousands
// of agents) and the queue table (hundreds of queues).
import { useCallback, useRef, useState, type UIEvent } from 'react';

/** Row height in CSS pixels (wallboard.css sets the same), and in wall mode's larger type. */
export const ROW_PX = 36;
export const WALL_ROW_PX = 52;
/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN = 8;
/** Rows drawn before the table knows its height (tests, first paint). */
const FIRST_ROWS = 30;

export interface WindowedRows {
  /** The first row drawn, and one past the last. */
  first: number;
  last: number;
  /** For the scrolling element: its ref and its scroll handler. */
  measure: (element: HTMLElement | null) => void;
  onScroll: (event: UIEvent<HTMLElement>) => void;
}

export function useWindowedRows(count: number, rowPx: number): WindowedRows {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(0);
  const frame = useRef<number | undefined>(undefined);
  const measure = useCallback((element: HTMLElement | null) => {
    if (element !== null) setViewHeight(element.clientHeight);
  }, []);
  const onScroll = useCallback((event: UIEvent<HTMLElement>): void => {
    const target = event.currentTarget;
    if (frame.current !== undefined) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = undefined;
      setScrollTop(target.scrollTop);
      setViewHeight(target.clientHeight);
    });
  }, []);
  const visible = viewHeight === 0 ? FIRST_ROWS : Math.ceil(viewHeight / rowPx);
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - OVERSCAN);
  const last = Math.min(count, first + visible + 2 * OVERSCAN);
  return { first, last, measure, onScroll };
}
