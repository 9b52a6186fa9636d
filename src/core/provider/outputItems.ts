import { type Item, str } from './eventFields';

/** Where an event says it belongs. Compatible servers may leave out either field, or both. */
export interface ItemRef {
  output_index?: unknown;
  item_id?: unknown;
}

export type Phase = 'commentary' | 'final_answer';

/** What is known about one output item of the response while it streams. */
export interface ItemState {
  outputIndex: number;
  itemId: string | undefined;
  type: string;
  phase: Phase | undefined;
  /** Message content_index → part index; reasoning and tools use key 0. */
  parts: Map<number, number>;
}

/**
 * The output items of one response, found the way events name them: by `item_id`, then `output_index`, then
 * (for servers that send neither) the item streamed last. Some compatible servers number every item 0, so an
 * index already taken by another id or type starts a new item instead of mixing two.
 */
export class OutputItems {
  private readonly byIndex = new Map<number, ItemState>();
  private readonly byId = new Map<string, ItemState>();
  /** `index:type` → the item that found its index taken and moved to a fresh one. */
  private readonly moved = new Map<string, ItemState>();
  private last: ItemState | undefined;

  constructor(private readonly onStart: (state: ItemState) => void) {}

  all(): IterableIterator<ItemState> {
    return this.byIndex.values();
  }

  find(ref: ItemRef, type?: string): ItemState | undefined {
    const id = str(ref.item_id);
    const byId = id ? this.byId.get(id) : undefined;
    if (byId) return byId;
    if (typeof ref.output_index !== 'number') return undefined;
    const byIndex = this.byIndex.get(ref.output_index);
    if (!type || byIndex?.type === type) return byIndex;
    return this.moved.get(`${ref.output_index}:${type}`);
  }

  /** The state of an item an `output_item` event carries, started if new. */
  forItem(outputIndex: unknown, item: Item): ItemState {
    const id = str(item.id) || undefined;
    const found = this.find({ output_index: outputIndex, item_id: id }, item.type);
    if (found && !(id && found.itemId && found.itemId !== id)) return found;
    return this.start(outputIndex, item.type, id);
  }

  /** The item a content event names; an event that names none means the item streamed last, if of its type. */
  named(ref: ItemRef, type: string): ItemState {
    const found = this.find(ref, type);
    if (found) return found;
    const id = str(ref.item_id) || undefined;
    if (typeof ref.output_index !== 'number' && id === undefined && this.last?.type === type) return this.last;
    return this.start(ref.output_index, type, id);
  }

  private start(outputIndex: unknown, type: string, itemId: string | undefined): ItemState {
    const wanted = typeof outputIndex === 'number' ? outputIndex : undefined;
    const index = wanted !== undefined && !this.byIndex.has(wanted) ? wanted : Math.max(-1, ...this.byIndex.keys()) + 1;
    const state: ItemState = { outputIndex: index, itemId, type, phase: undefined, parts: new Map() };
    if (wanted !== undefined && wanted !== index) this.moved.set(`${wanted}:${type}`, state);
    this.byIndex.set(index, state);
    if (itemId) this.byId.set(itemId, state);
    this.last = state;
    this.onStart(state);
    return state;
  }
}
