import type { Turn } from '../conversation/turn';
import type { ConversationMeta } from './conversationSummary';
import { type ConversationEntry, type MetaField, type MetaValues, conversationKey, isNewer } from './logRecords';

/**
 * One conversation as every writer's records make it: per turn id and per meta field the newest record wins,
 * and the turns are ordered by start time, then id. Two overlays sit on top of the records: the turn this host
 * is streaming (not a record until it is committed), and turns recovered from the checkpoints of writers that
 * went away mid-answer (shown until some writer records them). The turn list is kept up to date in place, since
 * the service reads it on every step and a 10,000-turn conversation must not be sorted again per commit.
 */
export class MergedConversation {
  private readonly winners = new Map<string, ConversationEntry>();
  private readonly streaming = new Map<string, Turn>();
  private recovered = new Map<string, Turn>();
  private list: Turn[] = [];
  /** The ids in `list`, so placing a new turn does not search 10,000 others for it first. */
  private readonly shown = new Set<string>();

  get turns(): readonly Turn[] {
    return this.list;
  }

  /** Applies one record; true when it won (and so may have changed what is shown). */
  apply(entry: ConversationEntry): boolean {
    const key = conversationKey(entry);
    const current = this.winners.get(key);
    if (current && !isNewer(entry, current)) return false;
    this.winners.set(key, entry);
    if (entry.op !== 'meta') this.place(entry.op === 'put' ? entry.turn.id : entry.id);
    return true;
  }

  /** Starts again from every source's records (keyed as they are held): after a writer replaced its file, records may have gone. */
  rebuild(sources: Iterable<Iterable<[string, ConversationEntry]>>): void {
    this.winners.clear();
    for (const source of sources) {
      for (const [key, entry] of source) {
        const current = this.winners.get(key);
        if (!current || isNewer(entry, current)) this.winners.set(key, entry);
      }
    }
    this.list = [];
    for (const entry of this.winners.values()) {
      if (entry.op === 'put' && !this.streaming.has(entry.turn.id)) this.list.push(entry.turn);
    }
    this.list.push(...this.streaming.values());
    for (const [id, turn] of this.recovered) if (!this.winners.has(`t:${id}`) && !this.streaming.has(id)) this.list.push(turn);
    this.list.sort(compareTurns);
    this.shown.clear();
    for (const turn of this.list) this.shown.add(turn.id);
  }

  /** Any record at all, kept or removed: a checkpoint of such a turn is stale, and a migration must not add it back. */
  hasRecord(turnId: string): boolean {
    return this.winners.has(`t:${turnId}`);
  }

  recordOf(turnId: string): Turn | undefined {
    const entry = this.winners.get(`t:${turnId}`);
    return entry?.op === 'put' ? entry.turn : undefined;
  }

  beginStreaming(turn: Turn): void {
    this.streaming.set(turn.id, turn);
    this.place(turn.id);
  }

  /** The turn is committed (its record now shows) or removed. */
  endStreaming(turnId: string): void {
    if (this.streaming.delete(turnId)) this.place(turnId);
  }

  isStreaming(turnId: string): boolean {
    return this.streaming.has(turnId);
  }

  /** The interrupted turns other writers left; returns true when what is shown changed. */
  setRecovered(turns: Map<string, Turn>): boolean {
    const before = this.recovered;
    this.recovered = turns;
    let changed = false;
    for (const id of new Set([...before.keys(), ...turns.keys()])) {
      if (before.get(id) === turns.get(id)) continue;
      this.place(id);
      changed = true;
    }
    return changed;
  }

  meta(): ConversationMeta {
    const title = this.metaValue('title');
    const trashedAt = this.metaValue('trashedAt');
    const createdAt = this.metaValue('createdAt');
    const forkedFrom = this.metaValue('forkedFrom');
    return {
      pinned: this.metaValue('pinned') ?? false,
      ...(title != null ? { title } : {}),
      ...(trashedAt != null ? { trashedAt } : {}),
      ...(createdAt !== undefined ? { createdAt } : {}),
      ...(forkedFrom !== undefined ? { forkedFrom } : {}),
    };
  }

  /** The winning record of a field, for checks such as "trashed, and by whom, when". */
  metaEntry(field: MetaField): ConversationEntry | undefined {
    return this.winners.get(`m:${field}`);
  }

  /** The newest stamp time of any record, so this writer's next stamp is later still. */
  newestAt(): number {
    let newest = 0;
    for (const entry of this.winners.values()) newest = Math.max(newest, entry.at);
    return newest;
  }

  private metaValue<K extends MetaField>(field: K): MetaValues[K] | undefined {
    const entry = this.winners.get(`m:${field}`);
    return entry?.op === 'meta' ? (entry.value as MetaValues[K]) : undefined;
  }

  private visible(id: string): Turn | undefined {
    const streaming = this.streaming.get(id);
    if (streaming) return streaming;
    const entry = this.winners.get(`t:${id}`);
    if (entry) return entry.op === 'put' ? entry.turn : undefined;
    return this.recovered.get(id);
  }

  /** Puts the turn with this id where it belongs, or takes it out. New turns usually go last: search from the end. */
  private place(id: string): void {
    const turn = this.visible(id);
    let at = -1;
    for (let i = this.shown.has(id) ? this.list.length - 1 : -1; i >= 0; i--) {
      if (this.list[i].id === id) {
        at = i;
        break;
      }
    }
    if (at !== -1 && turn && this.list[at].startedAt === turn.startedAt) {
      this.list[at] = turn;
      return;
    }
    if (at !== -1) this.list.splice(at, 1);
    this.shown.delete(id);
    if (!turn) return;
    this.shown.add(id);
    let low = 0;
    let high = this.list.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareTurns(this.list[mid], turn) < 0) low = mid + 1;
      else high = mid;
    }
    this.list.splice(low, 0, turn);
  }
}

function compareTurns(a: Turn, b: Turn): number {
  if (a.startedAt !== b.startedAt) return a.startedAt - b.startedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
