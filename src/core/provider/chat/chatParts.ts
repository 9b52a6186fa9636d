import type { TokenLogprob } from '../../turn/logprobs';
import { applyPartEvent } from '../../turn/partList';
import type { PartEvent, TurnPart } from '../../turn/turnParts';
import type { StreamChannel } from '../types';

/**
 * The parts of a Chat Completions answer, built from deltas in arrival order: reasoning text becomes a reasoning
 * part (the Thinking section) and content the answer, each a new part whenever the stream switches between them.
 * Chat Completions has no items, no phases and no commentary, so this is far simpler than the Responses side
 * (outputParts.ts) while announcing the same PartEvents, which it also applies to its own list.
 */
export class ChatParts {
  readonly parts: TurnPart[] = [];
  refusal = '';
  private readonly logprobs = new Map<number, TokenLogprob[]>();

  constructor(
    private readonly onEvent: (event: PartEvent) => void,
    private readonly onChannel: (channel: StreamChannel, text: string) => void,
    private readonly now: () => number,
  ) {}

  reasoningDelta(delta: string): void {
    if (delta === '') return;
    const last = this.parts.at(-1);
    if (last?.kind !== 'reasoning' || last.durationMs !== undefined) {
      this.emit({ type: 'added', index: this.parts.length, part: { kind: 'reasoning', paragraphs: [], startedAt: this.now() } });
    }
    this.emit({ type: 'delta', index: this.parts.length - 1, text: delta });
    this.onChannel('reasoning', delta);
  }

  textDelta(delta: string): void {
    if (delta === '') return;
    // The answer starting is the end of the thinking before it.
    this.finishReasoning();
    if (this.parts.at(-1)?.kind !== 'text') this.emit({ type: 'added', index: this.parts.length, part: { kind: 'text', text: '', annotations: [] } });
    this.emit({ type: 'delta', index: this.parts.length - 1, text: delta });
    this.onChannel('text', delta);
  }

  /** A chunk's token logprobs belong to the text it carried; they join the answer part when the stream ends. */
  textLogprobs(tokens: TokenLogprob[]): void {
    if (tokens.length === 0 || this.parts.at(-1)?.kind !== 'text') return;
    const index = this.parts.length - 1;
    this.logprobs.set(index, [...(this.logprobs.get(index) ?? []), ...tokens]);
  }

  refusalDelta(delta: string): void {
    if (delta === '') return;
    this.refusal += delta;
    this.onChannel('refusal', delta);
  }

  /** The stream is over: reasoning still open gets the time it ran. */
  finish(): void {
    this.finishReasoning();
    for (const [index, tokens] of this.logprobs) {
      const part = this.parts[index];
      if (part?.kind === 'text' && !part.logprobs?.length) this.emit({ type: 'replaced', index, part: { ...part, logprobs: tokens } });
    }
    this.logprobs.clear();
  }

  private finishReasoning(): void {
    const index = this.parts.length - 1;
    const part = this.parts[index];
    if (part?.kind !== 'reasoning' || part.durationMs !== undefined) return;
    this.emit({ type: 'replaced', index, part: { ...part, durationMs: Math.max(0, this.now() - (part.startedAt ?? this.now())) } });
  }

  private emit(event: PartEvent): void {
    applyPartEvent(this.parts, event);
    this.onEvent(event);
  }
}
