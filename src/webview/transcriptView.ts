import type { Turn } from '../core/conversation/turn';
import { type OlderContext, TURNS_PER_GROUP } from '../core/transcriptPaging';
import type { PartEvent } from '../core/turn/turnParts';
import { h } from './dom';
import { keepInView } from './keepInView';
import { PendingTurns, type RequestTurns } from './pendingTurns';
import { type DeltaChannel, TurnView, type TurnViewDeps } from './turnView';
import { wt } from '../core/l10n/webviewMessages';

/** Turns built right away when a transcript opens (about a screenful); older ones wait until they near the viewport. */
const EAGER_TURNS = 4;
/** How far outside the visible area an old answer starts rendering, so scrolling rarely shows plain text. */
const RENDER_AHEAD = '1500px 0px';
/** How long a turn opened from a search hit stays highlighted. */
const REVEAL_HIGHLIGHT_MS = 2500;

/**
 * The list of turns inside the scrolling area. Opening a long transcript builds the newest turns and leaves
 * the rest as empty placeholders, built only as they approach the viewport (CSS `content-visibility` skips
 * layout and paint for the ones far away). Turns are grouped (TURNS_PER_GROUP) because the browser lays out a
 * container by walking its children: with a flat list of a thousand turns, every streamed frame would pay for
 * all of them. Groups out of view skip layout entirely. The oldest turns may not even be here: the host sends
 * them in pages as their groups near the viewport (see PendingTurns).
 */
export class TranscriptView {
  readonly list = h('div', { id: 'turns' });
  readonly scroller: HTMLElement;
  private readonly views = new Map<string, TurnView>();
  /** Older groups not built yet, and the paging that brings their turns from the host. */
  private readonly pending: PendingTurns;
  private readonly byElement = new WeakMap<Element, TurnView>();
  private readonly observer: IntersectionObserver;
  private lastMarked: HTMLElement | undefined;
  /** A turn to reveal once its page has arrived. */
  private revealWhenLoaded: string | undefined;
  /** A turn keyboard navigation stepped onto before the host had sent it. */
  private focusWhenLoaded: string | undefined;
  private olderContext: OlderContext | undefined;

  constructor(private readonly deps: TurnViewDeps, requestTurns: RequestTurns) {
    this.scroller = h('div', { id: 'transcript', attrs: { role: 'region', 'aria-label': wt('transcript.label'), tabindex: '0' } }, [this.list]);
    this.observer = new IntersectionObserver((entries) => this.onNearViewport(entries), { root: this.scroller, rootMargin: RENDER_AHEAD });
    this.pending = new PendingTurns(requestTurns);
  }

  get size(): number {
    return this.views.size + this.pending.size;
  }

  get hasStreamingTurn(): boolean {
    const last = this.last;
    return last !== undefined && last.isStreaming;
  }

  get last(): TurnView | undefined {
    const element = this.list.lastElementChild?.lastElementChild;
    return element ? this.byElement.get(element) : undefined;
  }

  /** Prices changed: every built footer shows its cost again; turns built later read the new prices themselves. */
  refreshFooters(): void {
    for (const view of this.views.values()) view.refreshFooter();
  }

  /** Whether the transcript holds this turn, built or not, sent by the host or not. */
  has(turnId: string): boolean {
    return this.views.has(turnId) || this.pending.has(turnId);
  }

  /** The newest usage and its model: what the header's context share is read from. */
  lastUsage(): OlderContext | undefined {
    const built = Array.from(this.list.querySelectorAll('.turn'), (element) => this.byElement.get(element)?.data);
    for (let i = built.length - 1; i >= 0; i--) {
      const turn = built[i];
      if (turn?.usage) return { inputTokens: turn.usage.inputTokens, model: turn.model };
    }
    const older = this.pending.loadedTurns();
    for (let i = older.length - 1; i >= 0; i--) {
      const turn = older[i];
      if (turn.usage) return { inputTokens: turn.usage.inputTokens, model: turn.model };
    }
    return this.olderContext;
  }

  /** The view of a turn; one in a group not built yet is built on the spot if the host has sent it. */
  get(turnId: string): TurnView | undefined {
    const group = this.pending.groupOf(turnId);
    if (group) this.buildGroup(group);
    return this.views.get(turnId);
  }

  /**
   * A group still left as a placeholder is made now: keyboard navigation is stepping into it. When its turns are
   * still on their way from the host, the turn at `edge` takes the focus once they come, unless the reader has
   * moved the focus out of the transcript meanwhile.
   */
  buildPending(group: Element, edge?: 'first' | 'last'): void {
    if (this.buildGroup(group) || !edge) return;
    this.focusWhenLoaded = this.pending.edgeId(group, edge);
  }

  /**
   * Shows a transcript: `turns` are the newest, `page.olderTurnIds` the ones before them that the host sends
   * only when asked. Older turns get placeholder groups; the newest few are built right away.
   */
  reset(turns: Turn[], page: { transcriptId?: string; olderTurnIds?: string[]; olderContext?: OlderContext } = {}): void {
    this.observer.disconnect();
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
    this.pending.reset(page.transcriptId ?? '');
    this.lastMarked = undefined;
    this.revealWhenLoaded = undefined;
    this.focusWhenLoaded = undefined;
    this.olderContext = page.olderContext;
    const older = page.olderTurnIds ?? [];
    // Older ids and sent turns are grouped separately, so no group mixes turns that are here with ones that are not.
    const groups = [...chunks(older).map((ids) => this.pendingGroup(ids)), ...this.groupsOf(turns)];
    this.list.replaceChildren(...groups);
    this.markLast();
  }

  /** Older turns the host sent on request: the groups that were waiting for them are built. */
  fillPage(transcriptId: string, requested: readonly string[], turns: readonly Turn[]): void {
    for (const group of this.pending.fill(transcriptId, requested, turns)) {
      // Watched again rather than rendered at once: the reader may have scrolled on while the page was coming.
      if (this.buildGroup(group)) this.observer.observe(group);
    }
    const waiting = this.revealWhenLoaded;
    if (waiting && !this.pending.has(waiting)) {
      this.revealWhenLoaded = undefined;
      this.reveal(waiting);
    }
    const stepped = this.focusWhenLoaded;
    if (stepped && !this.pending.has(stepped)) {
      this.focusWhenLoaded = undefined;
      const view = this.views.get(stepped);
      if (view && this.list.contains(document.activeElement)) {
        view.materialize();
        view.element.focus();
      }
    }
  }

  /** A new turn is appended; a known one is updated in place, built or not. */
  upsert(turn: Turn): void {
    const existing = this.views.get(turn.id);
    if (existing) {
      existing.update(turn);
      return;
    }
    if (this.pending.update(turn)) return;
    const view = this.createView(turn);
    this.groupWithRoom().append(view.element);
    view.materialize();
    this.markLast();
  }

  remove(turnId: string): boolean {
    if (this.pending.has(turnId) && !this.views.has(turnId)) {
      this.pending.remove(turnId);
      return true;
    }
    const view = this.views.get(turnId);
    if (!view) return false;
    const group = view.element.parentElement;
    view.element.remove();
    if (group && group.childElementCount === 0) group.remove();
    view.dispose();
    this.views.delete(turnId);
    this.markLast();
    return true;
  }

  /**
   * Scrolls a turn into view, highlights it for a moment and focuses it (so a screen reader starts there).
   * The turn is built first: a placeholder would be scrolled to and then change height under the reader. A turn
   * the host has not sent yet is asked for, and revealed when it arrives.
   */
  reveal(turnId: string): boolean {
    const group = this.pending.groupOf(turnId);
    if (group && !this.buildGroup(group)) {
      this.revealWhenLoaded = turnId;
      return true;
    }
    const view = this.views.get(turnId);
    if (!view) return false;
    view.materialize();
    const element = view.element;
    keepInView(element, this.scroller);
    element.classList.remove('revealed');
    // Restarting the animation needs a style flush between removing and adding the class.
    void element.offsetWidth;
    element.classList.add('revealed');
    setTimeout(() => element.classList.remove('revealed'), REVEAL_HIGHLIGHT_MS);
    element.tabIndex = -1;
    element.focus({ preventScroll: true });
    return true;
  }

  appendDelta(turnId: string, channel: DeltaChannel, text: string): boolean {
    const view = this.views.get(turnId);
    if (!view) return false;
    view.appendDelta(channel, text);
    return true;
  }

  applyPart(turnId: string, event: PartEvent): boolean {
    const view = this.views.get(turnId);
    if (!view) return false;
    view.applyPart(event);
    return true;
  }

  private createView(turn: Turn): TurnView {
    const view = new TurnView(turn, this.deps);
    this.views.set(turn.id, view);
    this.byElement.set(view.element, view);
    return view;
  }

  /** Makes the turns of a group that was left pending, if the host has sent them all; false while it waits for them. */
  private buildGroup(group: Element): boolean {
    if (!this.pending.isPending(group)) return true;
    const turns = this.pending.take(group);
    if (!turns) return false;
    for (const turn of turns) group.append(this.createView(turn).element);
    return true;
  }

  /** Groups for turns that are here: the newest few built, the rest left to build as they near the viewport. */
  private groupsOf(turns: Turn[]): HTMLElement[] {
    const eagerFrom = Math.max(0, turns.length - EAGER_TURNS);
    return chunks(turns).map((chunk, index) => {
      const start = index * TURNS_PER_GROUP;
      if (start + chunk.length <= eagerFrom) return this.pendingGroup(chunk);
      const group = newGroup();
      chunk.forEach((turn, offset) => {
        const view = this.createView(turn);
        group.append(view.element);
        if (start + offset >= eagerFrom) view.materialize();
      });
      // A group holding both old and eager turns is watched for its old ones.
      if (group.querySelector('.turn.unmaterialized')) this.observer.observe(group);
      return group;
    });
  }

  /**
   * Far from the newest turns only the group is made, with room for its turns, which are made when it nears the
   * viewport. Opening ten thousand turns makes four hundred elements.
   */
  private pendingGroup(turns: ReadonlyArray<Turn | string>): HTMLElement {
    const group = newGroup();
    this.pending.add(group, turns);
    this.observer.observe(group);
    return group;
  }

  private groupWithRoom(): HTMLElement {
    const last = this.list.lastElementChild as HTMLElement | null;
    if (last && last.childElementCount < TURNS_PER_GROUP) return last;
    const group = newGroup();
    this.list.append(group);
    return group;
  }

  /** Regenerate and edit-and-resend apply to the last turn only; CSS shows them there. */
  private markLast(): void {
    const last = this.last?.element;
    if (last === this.lastMarked) return;
    this.lastMarked?.classList.remove('is-last');
    last?.classList.add('is-last');
    this.lastMarked = last;
  }

  private onNearViewport(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      this.observer.unobserve(entry.target);
      // A group still waiting for the host is built when its page arrives, and watched again then.
      if (!this.buildGroup(entry.target)) continue;
      for (const element of Array.from(entry.target.children)) this.byElement.get(element)?.materialize();
    }
  }
}

function newGroup(): HTMLElement {
  return h('div', { className: 'turn-group' });
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += TURNS_PER_GROUP) result.push(items.slice(start, start + TURNS_PER_GROUP));
  return result;
}
