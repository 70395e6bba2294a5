import { useCallback, useEffect, useState } from 'react';

/**
 * The grid's height: whatever its box (flex: 1 below the toolbar) is given, measured again
 * whenever that box changes (the window, the demo banner, the bulk bar opening or closing), so
 * 1366×768 shows as many rows as fit and nothing below the grid is left empty. A callback ref:
 * the box can appear later (an empty workspace shows its first steps instead).
 */
export function useFillHeight<T extends HTMLElement>(min = 240) {
  const [el, setEl] = useState<T | null>(null);
  const ref = useCallback((node: T | null) => setEl(node), []);
  const [height, setHeight] = useState(480);
  useEffect(() => {
    if (!el) return;
    const measure = () => setHeight(Math.max(min, Math.floor(el.getBoundingClientRect().height)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el, min]);
  return { ref, height };
}
