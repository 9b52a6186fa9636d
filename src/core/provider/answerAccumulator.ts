import type { Usage } from '../turn/usage';
import { finalText, reasoningText } from '../turn/partList';
import type { PartEvent, TurnPart } from '../turn/turnParts';
import type { StreamChannel, StreamListener } from './types';

/** A dialect's part builder (OutputParts, ChatParts): it applies each PartEvent to its own list and announces it. */
export interface AnswerParts {
  readonly parts: TurnPart[];
  readonly refusal: string;
  /** The stream is over, however it ended. */
  finish(): void;
}

type AnswerPartsClass<Parts extends AnswerParts> = new (
  onEvent: (event: PartEvent) => void,
  onChannel: (channel: StreamChannel, text: string) => void,
  now: () => number,
) => Parts;

/**
 * What both dialects' accumulators do once their events became parts: tell the listener, note when the first text
 * came, and read the answer, refusal and reasoning back. Each dialect folds its own events in `handle` (taking
 * them as `unknown`, since they are the server's JSON and are checked there) and says when anything was received.
 */
export abstract class AnswerAccumulator<Parts extends AnswerParts = AnswerParts> {
  usage: Usage | undefined;
  firstDeltaAt: number | undefined;
  protected readonly output: Parts;

  constructor(private readonly listener: StreamListener, Parts: AnswerPartsClass<Parts>, now: () => number) {
    this.output = new Parts(
      (event) => this.listener.onPart?.(event),
      (channel, text) => this.forward(channel, text),
      now,
    );
  }

  /** Folds one event of the stream in; throws a MalformedStreamFault for one that is not the dialect's format. */
  abstract handle(event: unknown): void;

  /** Anything the user could have seen: a re-send after this would add to it, so none is made. */
  abstract get receivedAny(): boolean;

  /** The answer: the final message's text, never the commentary before it. */
  get text(): string {
    return finalText(this.output.parts);
  }

  get refusal(): string {
    return this.output.refusal;
  }

  get reasoning(): string {
    return reasoningText(this.output.parts);
  }

  get parts(): readonly TurnPart[] {
    return this.output.parts;
  }

  /** The stream is over, however it ended: reasoning still open gets its time. Returns the parts. */
  finishParts(): TurnPart[] {
    this.output.finish();
    return [...this.output.parts];
  }

  private forward(channel: StreamChannel, text: string): void {
    if (text.length === 0) return;
    this.firstDeltaAt ??= performance.now();
    this.listener.onDelta(channel, text);
  }
}
