import { applyPartEvent } from '../turn/partList';
import { type TokenLogprob, toTokenLogprobs } from '../turn/logprobs';
import { type Annotation, type MessagePart, type PartEvent, type ReasoningPart, type ToolPart, type TurnPart, isMessagePart } from '../turn/turnParts';
import { type Item, asItem, asRecord, index as num, str } from './eventFields';
import { type ItemRef, type ItemState, OutputItems, type Phase } from './outputItems';
import { toolPartFrom } from './toolItems';
import type { StreamChannel } from './types';

/**
 * Folds output items into an ordered list of parts, announcing every change as a PartEvent (which it also
 * applies to its own list, so its list is exactly what a listener rebuilds from the events).
 *
 * Two rules shape the answer. Phase: a message marked `commentary` is commentary and one marked
 * `final_answer` is the answer; without a phase, every message but the last is commentary, so an earlier
 * message turns into commentary when a later one starts. The final text wins: text in a `done` event or in
 * the final response that differs from the streamed deltas replaces them.
 */
export class OutputParts {
  readonly parts: TurnPart[] = [];
  refusal = '';
  /** Token logprobs from the deltas, by part index: what a message keeps when no final list arrives (a stop). */
  private readonly deltaLogprobs = new Map<number, TokenLogprob[]>();
  private readonly items = new OutputItems((state) => {
    if (state.type === 'message') this.demoteEarlierMessages(state);
  });

  constructor(
    private readonly onEvent: (event: PartEvent) => void,
    private readonly onChannel: (channel: StreamChannel, text: string) => void,
    private readonly now: () => number,
  ) {}

  itemAdded(outputIndex: unknown, raw: unknown): void {
    const item = asItem(raw);
    if (item) this.started(this.items.forItem(outputIndex, item), item);
  }

  itemDone(outputIndex: unknown, raw: unknown): void {
    const item = asItem(raw);
    if (!item) return;
    // An item seen only when done (or only in the final response) still becomes a part.
    const state = this.items.forItem(outputIndex, item);
    this.started(state, item);
    if (item.type === 'message') {
      this.setPhase(state, phaseOf(item));
      const content = Array.isArray(item.content) ? item.content : [];
      content.forEach((part, index) => this.finishContent(state, index, part));
    } else if (item.type === 'reasoning') {
      const summary = Array.isArray(item.summary) ? item.summary : [];
      summary.forEach((part, index) => this.paragraphDone(state, index, str(asRecord(part)?.text)));
      this.finishReasoning(state);
    } else {
      const index = this.partIndex(state, 0);
      const current = this.parts[index] as ToolPart;
      const next = toolPartFrom(item, current);
      if (JSON.stringify(next) !== JSON.stringify(current)) this.replace(index, next);
    }
  }

  private started(state: ItemState, item: Item): void {
    if (item.type === 'message') this.setPhase(state, phaseOf(item));
    else if (item.type === 'reasoning') this.reasoningPart(state, item);
    else if (!state.parts.has(0)) this.add(state, 0, toolPartFrom(item));
  }

  contentAdded(ref: ItemRef, contentIndex: unknown, raw: unknown): void {
    const part = asRecord(raw);
    if (part?.type !== 'output_text') return;
    const state = this.message(ref);
    const index = this.messagePart(state, num(contentIndex));
    const annotations = Array.isArray(part.annotations) ? part.annotations.filter(isAnnotation) : [];
    this.reconcile(index, str(part.text), annotations);
  }

  contentDone(ref: ItemRef, contentIndex: unknown, raw: unknown): void {
    this.finishContent(this.message(ref), contentIndex, raw);
  }

  textDelta(ref: ItemRef, contentIndex: unknown, delta: string, logprobs?: unknown): void {
    const index = this.messagePart(this.message(ref), num(contentIndex));
    const tokens = toTokenLogprobs(logprobs);
    if (tokens.length > 0) this.deltaLogprobs.set(index, [...(this.deltaLogprobs.get(index) ?? []), ...tokens]);
    if (delta === '') return;
    this.emit({ type: 'delta', index, text: delta });
    this.onChannel('text', delta);
  }

  textDone(ref: ItemRef, contentIndex: unknown, text: unknown, logprobs?: unknown): void {
    this.reconcile(this.messagePart(this.message(ref), num(contentIndex)), str(text), [], toTokenLogprobs(logprobs));
  }

  annotationAdded(ref: ItemRef, contentIndex: unknown, annotationIndex: unknown, annotation: unknown): void {
    if (!isAnnotation(annotation)) return;
    const index = this.messagePart(this.message(ref), num(contentIndex));
    const part = this.parts[index] as MessagePart;
    const at = typeof annotationIndex === 'number' ? annotationIndex : part.annotations.length;
    if (at >= part.annotations.length) return this.emit({ type: 'annotation', index, annotation: { ...annotation } });
    // Already known (from content_part.added): the later word wins.
    if (JSON.stringify(part.annotations[at]) === JSON.stringify(annotation)) return;
    const annotations = part.annotations.map((a, i) => (i === at ? { ...annotation } : a));
    this.replace(index, { ...part, annotations });
  }

  refusalDelta(delta: string): void {
    this.refusal += delta;
    this.onChannel('refusal', delta);
  }

  refusalDone(refusal: string | undefined): void {
    if (!refusal || refusal === this.refusal) return;
    const backfill = this.refusal === '';
    this.refusal = refusal;
    if (backfill) this.onChannel('refusal', refusal);
  }

  summaryPartAdded(ref: ItemRef, summaryIndex: unknown): void {
    this.paragraph(this.reasoning(ref), num(summaryIndex));
  }

  summaryDelta(ref: ItemRef, summaryIndex: unknown, delta: string): void {
    const state = this.reasoning(ref);
    const paragraph = num(summaryIndex);
    const index = this.paragraph(state, paragraph);
    const part = this.parts[index] as ReasoningPart;
    if (delta === '') return;
    if (paragraph === part.paragraphs.length - 1) this.emit({ type: 'delta', index, text: delta });
    else this.replace(index, { ...part, paragraphs: part.paragraphs.map((p, i) => (i === paragraph ? p + delta : p)) });
    this.onChannel('reasoning', delta);
  }

  summaryDone(ref: ItemRef, summaryIndex: unknown, text: unknown): void {
    this.paragraphDone(this.reasoning(ref), num(summaryIndex), str(text));
  }

  toolStatus(ref: ItemRef, itemType: string, status: string): void {
    const state = this.items.named(ref, itemType);
    if (state.type !== itemType) return;
    if (!state.parts.has(0)) this.add(state, 0, toolPartFrom({ type: itemType, id: str(ref.item_id) }));
    const index = this.partIndex(state, 0);
    const part = this.parts[index];
    if (part.kind === 'tool' && part.status !== status) this.replace(index, { ...part, status });
  }

  /** The final response's output: anything it says differently, or that never streamed, wins. */
  finalOutput(output: unknown): void {
    if (!Array.isArray(output)) return;
    output.forEach((item, index) => this.itemDone(index, item));
  }

  /** The stream is over: reasoning that never finished gets the time it ran. */
  finish(): void {
    for (const state of this.items.all()) if (state.type === 'reasoning') this.finishReasoning(state);
    for (const [index, tokens] of this.deltaLogprobs) {
      const part = this.parts[index];
      if (isMessagePart(part) && !part.logprobs?.length) this.replace(index, { ...part, logprobs: tokens });
    }
  }

  private emit(event: PartEvent): void {
    applyPartEvent(this.parts, event);
    this.onEvent(event);
  }

  private add(state: ItemState, key: number, part: TurnPart): number {
    const index = this.parts.length;
    state.parts.set(key, index);
    this.emit({ type: 'added', index, part });
    return index;
  }

  private replace(index: number, part: TurnPart): void {
    this.emit({ type: 'replaced', index, part });
  }

  private message(ref: ItemRef): ItemState {
    return this.items.named(ref, 'message');
  }

  private reasoning(ref: ItemRef): ItemState {
    const state = this.items.named(ref, 'reasoning');
    if (!state.parts.has(0)) this.reasoningPart(state, { type: 'reasoning' });
    return state;
  }

  private partIndex(state: ItemState, key: number): number {
    const index = state.parts.get(key);
    if (index === undefined) throw new Error(`no part ${key} for output item ${state.outputIndex}`);
    return index;
  }

  private messagePart(state: ItemState, contentIndex: number): number {
    const known = state.parts.get(contentIndex);
    if (known !== undefined) return known;
    return this.add(state, contentIndex, { kind: this.kindOf(state), ...(state.itemId ? { itemId: state.itemId } : {}), text: '', annotations: [] });
  }

  private kindOf(state: ItemState): MessagePart['kind'] {
    if (state.phase) return state.phase === 'commentary' ? 'commentary' : 'text';
    for (const other of this.items.all()) {
      if (other.type === 'message' && other.outputIndex > state.outputIndex) return 'commentary';
    }
    return 'text';
  }

  private setPhase(state: ItemState, phase: Phase | undefined): void {
    if (!phase || phase === state.phase) return;
    state.phase = phase;
    this.rekind(state);
  }

  private demoteEarlierMessages(later: ItemState): void {
    for (const state of this.items.all()) {
      if (state !== later && state.type === 'message' && state.outputIndex < later.outputIndex) this.rekind(state);
    }
  }

  private rekind(state: ItemState): void {
    const kind = this.kindOf(state);
    for (const index of state.parts.values()) {
      const part = this.parts[index];
      if (isMessagePart(part) && part.kind !== kind) this.replace(index, { ...part, kind });
    }
  }

  private finishContent(state: ItemState, contentIndex: unknown, raw: unknown): void {
    const part = asRecord(raw);
    if (part?.type === 'refusal') return this.refusalDone(str(part.refusal));
    if (part?.type !== 'output_text') return;
    const annotations = Array.isArray(part.annotations) ? part.annotations.filter(isAnnotation) : [];
    this.reconcile(this.messagePart(state, num(contentIndex)), str(part.text), annotations, toTokenLogprobs(part.logprobs));
  }

  private reconcile(index: number, text: string | undefined, annotations: Annotation[], logprobs: TokenLogprob[] = []): void {
    const part = this.parts[index] as MessagePart;
    let next: MessagePart = part;
    // An empty final text says nothing: a server that fills in only the deltas must not erase them.
    if (text && text !== part.text) next = { ...next, text };
    // An empty list says nothing new; annotations that streamed in are never dropped.
    if (annotations.length > 0 && JSON.stringify(annotations) !== JSON.stringify(part.annotations)) next = { ...next, annotations: annotations.map((a) => ({ ...a })) };
    // The final list is the server's last word on the tokens, as the final text is on the text.
    if (logprobs.length > 0 && JSON.stringify(logprobs) !== JSON.stringify(part.logprobs)) next = { ...next, logprobs };
    if (next === part) return;
    this.replace(index, next);
    if (part.text === '' && next.text !== '' && next.kind === 'text') this.onChannel('text', next.text);
  }

  private reasoningPart(state: ItemState, item: Item): void {
    if (state.parts.has(0)) return;
    const summary = Array.isArray(item.summary) ? item.summary.map((p) => str(asRecord(p)?.text) ?? '') : [];
    this.add(state, 0, { kind: 'reasoning', ...(state.itemId ? { itemId: state.itemId } : {}), paragraphs: summary, startedAt: this.now() });
    const known = summary.filter((p) => p.length > 0).join('\n\n');
    if (known) this.onChannel('reasoning', known);
  }

  /** Makes sure paragraph `paragraph` exists; each summary part is its own paragraph. */
  private paragraph(state: ItemState, paragraph: number): number {
    const index = this.partIndex(state, 0);
    const part = this.parts[index] as ReasoningPart;
    if (part.paragraphs.length <= paragraph) {
      const paragraphs = [...part.paragraphs];
      while (paragraphs.length <= paragraph) paragraphs.push('');
      this.replace(index, { ...part, paragraphs });
    }
    return index;
  }

  private paragraphDone(state: ItemState, paragraph: number, text: string | undefined): void {
    if (!text) return;
    const index = this.paragraph(state, paragraph);
    const part = this.parts[index] as ReasoningPart;
    if (part.paragraphs[paragraph] === text) return;
    if (part.paragraphs.every((p) => p === '')) this.onChannel('reasoning', text);
    this.replace(index, { ...part, paragraphs: part.paragraphs.map((p, i) => (i === paragraph ? text : p)) });
  }

  private finishReasoning(state: ItemState): void {
    const index = state.parts.get(0);
    if (index === undefined) return;
    const part = this.parts[index];
    if (part.kind !== 'reasoning' || part.durationMs !== undefined) return;
    this.replace(index, { ...part, durationMs: Math.max(0, this.now() - (part.startedAt ?? this.now())) });
  }
}

function isAnnotation(value: unknown): value is Annotation {
  return typeof asRecord(value)?.type === 'string';
}

function phaseOf(item: Item): Phase | undefined {
  return item.phase === 'commentary' || item.phase === 'final_answer' ? item.phase : undefined;
}
