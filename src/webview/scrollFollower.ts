import { button } from './dom';
import { wt } from '../core/l10n/webviewMessages';

/** How close to the end still counts as "at the bottom" (sub-pixel scroll positions and zoom). */
const BOTTOM_THRESHOLD_PX = 6;

/**
 * Keeps the newest content in view only while the reader is at the bottom. Someone who scrolled up is never
 * moved; a "Jump to latest" button brings them back and resumes following.
 */
export class ScrollFollower {
  readonly jumpButton = button({ icon: 'arrow-down', text: wt('transcript.jump'), label: wt('transcript.jumpLabel'), id: 'jump-to-latest', hidden: true });
  private following = true;
  private lastScrollTop = 0;

  constructor(private readonly scroller: HTMLElement, content: HTMLElement) {
    scroller.addEventListener('scroll', () => this.onScroll(), { passive: true });
    // Content or viewport size changes land here after layout, before paint: pinning then never flickers.
    const resize = new ResizeObserver(() => this.onResize());
    resize.observe(content);
    resize.observe(scroller);
    this.jumpButton.addEventListener('click', () => {
      this.jumpToLatest();
      this.scroller.focus({ preventScroll: true });
    });
  }

  /** Scrolls to the end and follows again: after the user sends, or asks for it. */
  jumpToLatest(): void {
    this.following = true;
    this.pin();
    this.jumpButton.hidden = true;
  }

  /** The reader was taken to an earlier turn (a search hit): stay there until they scroll back down. */
  hold(): void {
    this.following = false;
    this.jumpButton.hidden = this.atBottom();
  }

  private pin(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.lastScrollTop = this.scroller.scrollTop;
  }

  private atBottom(): boolean {
    const { scrollHeight, scrollTop, clientHeight } = this.scroller;
    return scrollHeight - scrollTop - clientHeight <= BOTTOM_THRESHOLD_PX;
  }

  /**
   * Only moving up means the reader left the bottom. Content that grows or settles its size (for example
   * `content-visibility` turns getting their real height) also fires scroll events, and must not stop following.
   */
  private onScroll(): void {
    const top = this.scroller.scrollTop;
    if (this.atBottom()) this.following = true;
    else if (top < this.lastScrollTop - 1) this.following = false;
    this.lastScrollTop = top;
    this.jumpButton.hidden = this.following || this.atBottom();
    if (this.following && !this.atBottom()) this.pin();
  }

  private onResize(): void {
    if (this.following) this.pin();
    else this.jumpButton.hidden = this.atBottom();
  }
}
