/** How long a revealed element is held in place while the turns around it are built. */
const HOLD_MS = 800;
/** Frames in a row without movement after which the layout counts as settled. */
const STABLE_FRAMES = 3;

/**
 * Scrolls `element` to the top of `scroller` and keeps it there while the layout around it settles. Turns near it
 * are built as they come into view and their placeholders change height; scroll anchoring follows most of those
 * changes, but not all, so the position is checked on each frame and restored, until it has held still for a few
 * frames, the time is up, or the reader scrolls (their scroll always wins).
 */
export function keepInView(element: HTMLElement, scroller: HTMLElement): void {
  element.scrollIntoView({ block: 'start' });
  const started = performance.now();
  let stable = 0;
  let lastTop = offsetIn(element, scroller);
  let cancelled = false;
  const cancel = (): void => {
    cancelled = true;
  };
  const events = ['wheel', 'touchstart', 'pointerdown', 'keydown'] as const;
  for (const type of events) scroller.addEventListener(type, cancel, { once: true, passive: true });

  const check = (): void => {
    if (cancelled || !element.isConnected || performance.now() - started > HOLD_MS) {
      for (const type of events) scroller.removeEventListener(type, cancel);
      return;
    }
    const top = offsetIn(element, scroller);
    if (Math.abs(top) > 1) {
      element.scrollIntoView({ block: 'start' });
      stable = 0;
    } else if (Math.abs(top - lastTop) <= 1) {
      stable += 1;
    }
    lastTop = top;
    if (stable >= STABLE_FRAMES) {
      for (const type of events) scroller.removeEventListener(type, cancel);
      return;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
}

/** The element's top relative to the scroller's visible top: 0 when it is exactly at the top. */
function offsetIn(element: HTMLElement, scroller: HTMLElement): number {
  return element.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
}
