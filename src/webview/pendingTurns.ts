import type { Turn } from '../core/conversation/turn';
import { MAX_PAGE_TURNS } from '../core/transcriptPaging';

/** A turn's place in a group not built yet; `turn` is absent until the host has sent it. */
interface Slot {
  id: string;
  turn?: Turn;
}

/** Asks the host for turns by id; the answer comes back through `fill`. */
export type RequestTurns = (transcriptId: string, turnIds: string[]) => void;

/**
 * The groups of old turns that are not built yet, and the paging behind them. A group is built only when all of
 * its turns are here; one that is wanted (it neared the viewport, or holds a turn to reveal) and still misses some
 * asks the host for them, together with its neighbours' missing turns so a scrolling reader rarely waits twice.
 * A group waiting for the host is `aria-busy`, so a screen reader knows the content is on its way.
 */
export class PendingTurns {
  private readonly slots = new Map<Element, Slot[]>();
  private readonly groupById = new Map<string, Element>();
  private readonly inFlight = new Set<string>();
  private readonly wanted = new Set<Element>();
  private transcriptId = '';

  constructor(private readonly requestTurns: RequestTurns) {}

  get size(): number {
    return this.groupById.size;
  }

  has(turnId: string): boolean {
    return this.groupById.has(turnId);
  }

  reset(transcriptId: string): void {
    this.transcriptId = transcriptId;
    this.slots.clear();
    this.groupById.clear();
    this.inFlight.clear();
    this.wanted.clear();
  }

  /** Registers a group standing for these turns (or ids only, for turns the host has not sent). */
  add(group: HTMLElement, turns: ReadonlyArray<Turn | string>): void {
    const slots = turns.map((t): Slot => (typeof t === 'string' ? { id: t } : { id: t.id, turn: t }));
    this.slots.set(group, slots);
    for (const slot of slots) this.groupById.set(slot.id, group);
    group.classList.add('pending');
    group.dataset.pendingTurns = String(slots.length);
  }

  /** The id of a pending group's first or last turn, sent by the host or not. */
  edgeId(group: Element, which: 'first' | 'last'): string | undefined {
    const slots = this.slots.get(group);
    return (which === 'first' ? slots?.[0] : slots?.at(-1))?.id;
  }

  isPending(group: Element): boolean {
    return this.slots.has(group);
  }

  groupOf(turnId: string): Element | undefined {
    return this.groupById.get(turnId);
  }

  /**
   * Takes a group out to be built when all its turns are here. Otherwise it stays, is marked wanted, and the
   * missing turns are asked for; `fill` hands it back once they arrive.
   */
  take(group: Element): Turn[] | undefined {
    const slots = this.slots.get(group);
    if (!slots) return undefined;
    if (slots.every((slot) => slot.turn)) {
      this.forget(group, slots);
      return slots.map((slot) => slot.turn as Turn);
    }
    this.wanted.add(group);
    this.request(group);
    return undefined;
  }

  /**
   * A page from the host: fills the places of its turns, drops the places of turns asked for and not sent (gone
   * from the transcript), and returns the wanted groups now complete. A page of an older transcript is ignored.
   */
  fill(transcriptId: string, requested: readonly string[], turns: readonly Turn[]): Element[] {
    if (transcriptId !== this.transcriptId) return [];
    const touched = new Set<Element>();
    const sent = new Set<string>();
    for (const turn of turns) {
      sent.add(turn.id);
      const group = this.groupById.get(turn.id);
      const slot = group && this.slots.get(group)?.find((s) => s.id === turn.id);
      if (!group || !slot) continue;
      slot.turn ??= turn;
      touched.add(group);
    }
    for (const id of requested) {
      this.inFlight.delete(id);
      const group = this.groupById.get(id);
      if (!sent.has(id) && group) {
        this.remove(id);
        touched.add(group);
      }
    }
    const ready: Element[] = [];
    for (const group of touched) {
      const slots = this.slots.get(group);
      if (slots && this.wanted.has(group) && slots.every((slot) => slot.turn)) ready.push(group);
      else if (slots && !slots.some((slot) => this.inFlight.has(slot.id))) (group as HTMLElement).removeAttribute('aria-busy');
    }
    return ready;
  }

  /** A newer state of a turn that is not built yet (a turn another window changed). */
  update(turn: Turn): boolean {
    const group = this.groupById.get(turn.id);
    const slot = group && this.slots.get(group)?.find((s) => s.id === turn.id);
    if (!slot) return false;
    slot.turn = turn;
    return true;
  }

  /** Drops a turn's place; the group goes from the page when it was the last. */
  remove(turnId: string): void {
    const group = this.groupById.get(turnId);
    const slots = group && this.slots.get(group);
    if (!group || !slots) return;
    this.groupById.delete(turnId);
    this.inFlight.delete(turnId);
    const left = slots.filter((slot) => slot.id !== turnId);
    if (left.length === 0) {
      this.forget(group, []);
      group.remove();
      return;
    }
    this.slots.set(group, left);
    (group as HTMLElement).dataset.pendingTurns = String(left.length);
  }

  /** The turns that are here but not built, newest last; what the header falls back on for its context share. */
  loadedTurns(): Turn[] {
    const turns: Turn[] = [];
    for (const slots of this.slots.values()) for (const slot of slots) if (slot.turn) turns.push(slot.turn);
    return turns;
  }

  private forget(group: Element, slots: Slot[]): void {
    this.slots.delete(group);
    this.wanted.delete(group);
    for (const slot of slots) this.groupById.delete(slot.id);
    group.classList.remove('pending');
    group.removeAttribute('aria-busy');
    delete (group as HTMLElement).dataset.pendingTurns;
  }

  /** Asks for the group's missing turns, then its neighbours' (nearest first, both ways), up to one page. */
  private request(group: Element): void {
    const ids: string[] = [];
    const busy: Element[] = [];
    const collect = (candidate: Element): boolean => {
      const missing = (this.slots.get(candidate) ?? []).filter((slot) => !slot.turn && !this.inFlight.has(slot.id));
      if (ids.length + missing.length > MAX_PAGE_TURNS) return false;
      for (const slot of missing) ids.push(slot.id);
      if (missing.length > 0) busy.push(candidate);
      return true;
    };
    collect(group);
    // The group's own turns are all on their way already: its neighbours were asked for with them.
    if (ids.length === 0) return;
    let above = group.previousElementSibling;
    let below = group.nextElementSibling;
    while (above || below) {
      if (above && (!this.slots.has(above) || !collect(above))) above = null;
      else above = above?.previousElementSibling ?? null;
      if (below && (!this.slots.has(below) || !collect(below))) below = null;
      else below = below?.nextElementSibling ?? null;
    }
    if (ids.length === 0) return;
    for (const id of ids) this.inFlight.add(id);
    for (const element of busy) element.setAttribute('aria-busy', 'true');
    this.requestTurns(this.transcriptId, ids);
  }
}
