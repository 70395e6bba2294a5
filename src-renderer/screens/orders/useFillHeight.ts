import { useEffect, useRef, useState } from 'react';

/** The grid fills the window below wherever it starts, so 1366×768 shows as many rows as fit. */
export function useFillHeight<T extends HTMLElement>(bottomGap = 16, min = 280) {
  const ref = useRef<T | null>(null);
  const [height, setHeight] = useState(480);
  useEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - bottomGap)));
    };
    measure();
    window.addEventListener('resize', measure);
    // The demo banner and the bulk bar move the grid's top edge after the first paint.
    const ro = new ResizeObserver(measure);
    ro.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      ro.disconnect();
    };
  }, [bottomGap, min]);
  return { ref, height };
}
