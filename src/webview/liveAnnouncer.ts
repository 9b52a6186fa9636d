import { h } from './dom';

const MAX_ANNOUNCEMENT = 2000;
const KEPT = 4;

/**
 * A visually hidden polite live region. Screen readers hear each finished block of a streaming answer once,
 * and status changes; never the whole message again on every frame.
 */
export class LiveAnnouncer {
  readonly element = h('div', { id: 'live-region', className: 'visually-hidden', attrs: { 'aria-live': 'polite', 'aria-atomic': 'false' } });

  announce(text: string): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.element.append(h('p', { text: trimmed.length > MAX_ANNOUNCEMENT ? `${trimmed.slice(0, MAX_ANNOUNCEMENT)}…` : trimmed }));
    // Removals are not announced; old entries go so the region stays small.
    while (this.element.childElementCount > KEPT) this.element.firstElementChild?.remove();
  }
}
