import type { Turn } from '../core/conversation/turn';
import type { PartEvent } from '../core/turn/turnParts';
import { h } from './dom';
import { keepInView } from './keepInView';
import { type DeltaChannel, TurnView, type TurnViewDeps } from './turnView';

/** Turns built right away when a transcript opens (about a screenful); older ones wait until they near the viewport. */
const EAGER_TURNS = 4;
/** How far outside the visible area an old answer starts rendering, so scrolling rarely shows plain text. */
const RENDER_AHEAD = '1500px 0px';
/**
 * Turns are grouped because the browser lays out a container by walking its children: with a flat list of a
 * thousand turns, every streamed frame would pay for all of them. Groups out of view skip layout entirely.
 */
const TURNS_PER_GROUP = 25;
/** How long a turn opened from a search hit stays highlighted. */
const REVEAL_HIGHLIGHT_MS = 2500;

/**
 * The list of turns inside the scrolling area. Opening a long transcript builds the newest turns and leaves
 * the rest as empty placeholders, built only as they approach the viewport (CSS `content-visibility` skips
 * layout and paint for the ones far away).
 */
export class TranscriptView {
  readonly list = h('div', { id: 'turns' });
  readonly scroller: HTMLElement;
  private readonly views = new Map<string, TurnView>();
  /** Older groups not built yet: their turns, and which group each turn id waits in. */
  private readonly pendingGroups = new Map<Element, Turn[]>();
  private readonly pendingIds = new Map<string, Element>();
  private readonly byElement = new WeakMap<Element, TurnView>();
  private readonly observer: IntersectionObserver;
  private lastMarked: HTMLElement | undefined;

  constructor(private readonly deps: TurnViewDeps) {
    this.scroller = h('div', { id: 'transcript', attrs: { role: 'region', 'aria-label': 'Conversation', tabindex: '0' } }, [this.list]);
    this.observer = new IntersectionObserver((entries) => this.onNearViewport(entries), { root: this.scroller, rootMargin: RENDER_AHEAD });
  }

  get size(): number {
    return this.views.size + this.pendingIds.size;
  }

  get hasStreamingTurn(): boolean {
    const last = this.last;
    return last !== undefined && last.isStreaming;
  }

  get last(): TurnView | undefined {
    const element = this.list.lastElementChild?.lastElementChild;
    return element ? this.byElement.get(element) : undefined;
  }

  /** The newest turn whose response reported usage: what the header's context share is read from. */
  lastWithUsage(): Turn | undefined {
    const built = Array.from(this.list.querySelectorAll('.turn'), (element) => this.byElement.get(element)?.data);
    for (let i = built.length - 1; i >= 0; i--) if (built[i]?.usage) return built[i];
    const older = [...this.pendingGroups.values()].flat();
    for (let i = older.length - 1; i >= 0; i--) if (older[i].usage) return older[i];
    return undefined;
  }

  /** The view of a turn; one in a group not built yet is built on the spot. */
  get(turnId: string): TurnView | undefined {
    const group = this.pendingIds.get(turnId);
    if (group) this.buildGroup(group);
    return this.views.get(turnId);
  }

  /** A group still left as a placeholder is made now: keyboard navigation is stepping into it. */
  buildPending(group: Element): void {
    this.buildGroup(group);
  }

  reset(turns: Turn[]): void {
    this.observer.disconnect();
    for (const view of this.views.values()) view.dispose();
    this.views.clear();
    this.pendingGroups.clear();
    this.pendingIds.clear();
    this.lastMarked = undefined;
    const groups: HTMLElement[] = [];
    const eagerFrom = Math.max(0, turns.length - EAGER_TURNS);
    for (let start = 0; start < turns.length; start += TURNS_PER_GROUP) {
      const chunk = turns.slice(start, start + TURNS_PER_GROUP);
      const group = newGroup();
      groups.push(group);
      if (start + chunk.length <= eagerFrom) {
        // Far from the newest turns: only the group is made, with room for its turns, and they are made when it
        // nears the viewport. Opening ten thousand turns makes four hundred elements.
        group.classList.add('pending');
        group.dataset.pendingTurns = String(chunk.length);
        this.pendingGroups.set(group, chunk);
        for (const turn of chunk) this.pendingIds.set(turn.id, group);
        this.observer.observe(group);
      } else {
        chunk.forEach((turn, offset) => {
          const view = this.createView(turn);
          group.append(view.element);
          if (start + offset >= eagerFrom) view.materialize();
        });
        // A group holding both old and eager turns is watched for its old ones.
        if (group.querySelector('.turn.unmaterialized')) this.observer.observe(group);
      }
    }
    this.list.replaceChildren(...groups);
    this.markLast();
  }

  /** A new turn is appended; a known one is updated in place. */
  upsert(turn: Turn): TurnView {
    const existing = this.views.get(turn.id);
    if (existing) {
      existing.update(turn);
      return existing;
    }
    const view = this.createView(turn);
    this.groupWithRoom().append(view.element);
    view.materialize();
    this.markLast();
    return view;
  }

  remove(turnId: string): boolean {
    const view = this.get(turnId);
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
   * The turn is built first: a placeholder would be scrolled to and then change height under the reader.
   */
  reveal(turnId: string): boolean {
    const view = this.get(turnId);
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

  /** Makes the turns of a group that was left pending (they are built by materialize when seen). */
  private buildGroup(group: Element): void {
    const turns = this.pendingGroups.get(group);
    if (!turns) return;
    this.pendingGroups.delete(group);
    for (const turn of turns) {
      this.pendingIds.delete(turn.id);
      group.append(this.createView(turn).element);
    }
    group.classList.remove('pending');
    delete (group as HTMLElement).dataset.pendingTurns;
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
      this.buildGroup(entry.target);
      for (const element of Array.from(entry.target.children)) this.byElement.get(element)?.materialize();
    }
  }
}

function newGroup(): HTMLElement {
  return h('div', { className: 'turn-group' });
}
