import { ChainMemoryStore } from '../endpoints/chainMemoryStore';
import type { ConversationHandle } from '../store/libraryTypes';
import { Compactor } from './compactor';
import type { ConversationListener, ConversationServiceOptions } from './conversationTypes';
import type { Turn } from './turn';
import { loadTurnImages } from './turnImages';
import { TurnRunner } from './turnRunner';
import { TurnStreamer } from './turnStreamer';

/** What makes the turns of the conversation a ConversationService shows: compaction, streaming and the runner. */
export interface TurnPipeline {
  compactor: Compactor;
  streamer: TurnStreamer;
  runner: TurnRunner;
}

export interface TurnPipelineDeps {
  options: ConversationServiceOptions;
  now: () => number;
  /** The conversation shown now: it changes on a new conversation, a switch or a fork. */
  store(): ConversationHandle;
  /** Stores a finished turn that changed and shows it again. */
  record(turn: Turn): Promise<void>;
  emit(call: (listener: ConversationListener) => void): void;
  /** The turn streaming now started or settled. */
  streamingChanged(): void;
}

/** Wires the compactor, streamer and runner to the service's conversation, options and listeners. */
export function buildTurnPipeline(deps: TurnPipelineDeps): TurnPipeline {
  const { options, now } = deps;
  const compactor = new Compactor({
    storeResponses: options.storeResponses,
    now,
    logger: options.logger,
    storedTurn: (turnId) => deps.store().turns.find((turn) => turn.id === turnId),
    record: (turn) => deps.record(turn),
  });
  const streamer = new TurnStreamer({
    options,
    compactor,
    chainMemory: options.chainMemory ?? new ChainMemoryStore(),
    conversationId: () => deps.store().id,
    progress: (turn) => deps.store().progress(turn),
    loadImages: (turn) => loadTurnImages(options.library.images, deps.store().id, turn, options.imageDetail?.() ?? 'auto'),
    emit: (call) => deps.emit(call),
  });
  const runner = new TurnRunner({
    store: () => deps.store(),
    streamer,
    compactor,
    now,
    emit: (call) => deps.emit(call),
    streamingChanged: () => deps.streamingChanged(),
  });
  return { compactor, streamer, runner };
}
