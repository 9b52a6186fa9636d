import type { ImageDetail } from '../images/imageTokens';
import type { ReasoningSummarySetting } from '../models/parameters';
import type { Persona } from '../personas';
import type { ModelProvider } from '../provider/types';
import type { Logger, StreamChannel, TextFormat } from '../provider/types';
import type { ChainMemoryStore } from '../endpoints/chainMemoryStore';
import type { PartEvent } from '../turn/turnParts';
import type { TokenCounter } from './transcriptInput';
import type { ConversationLibrary } from '../store/libraryTypes';
import type { SentWith, Turn } from './turn';
import type { TurnError } from '../turn/turnError';

/** What the conversation service is given and what it tells its listeners. */

export interface TurnRequest {
  origin: Turn['origin'];
  userText: string;
  context?: Turn['context'];
  /** Images already in the conversation's image folder (ConversationLibrary.images). */
  images?: Turn['images'];
  persona: Persona;
  model: string;
  /** Structured output (Extract JSON): the Responses `text.format`. */
  textFormat?: TextFormat;
  /** The hosted web_search tool for this turn: the composer's globe, or the persona's `webSearch`. */
  webSearch?: SentWith['webSearch'];
}

/**
 * The provider for an endpoint profile by id, or for the active one. A TurnError (e.g. missingKeyError()) means
 * "cannot send": the turn is recorded as failed with it, user text kept.
 */
export type ProviderFactory = (endpointId?: string) => Promise<ModelProvider | TurnError>;

/** Which endpoint profile a provider talks to, as a turn records it. */
export interface EndpointStamp {
  id: string;
  label: string;
}

export interface ConversationListener {
  turnStarted?(turn: Turn): void;
  /** Refusal text as it streams. The answer and its reasoning stream as part events. */
  delta?(turnId: string, channel: StreamChannel, text: string): void;
  /** A change to the streaming turn's parts, already applied to the turn this service holds. */
  part?(turnId: string, event: PartEvent): void;
  /** The final state of a turn, or any change that is not a delta (e.g. a chain-repair notice). */
  turnUpdated?(turn: Turn): void;
  turnRemoved?(turnId: string): void;
  /** The transcript was replaced (new conversation). */
  reset?(turns: readonly Turn[]): void;
  /** `busy` changed; sent on every change whatever caused it, so a UI that follows it can never stay stuck. */
  busyChanged?(busy: boolean): void;
}

export interface ConversationServiceOptions {
  /** Where the workspace's conversations are kept; the service shows and sends on one of them at a time. */
  library: ConversationLibrary;
  /** The conversation to open; the most recently active one when absent. */
  conversationId?: string;
  providerFactory: ProviderFactory;
  /** The profile behind a provider the factory made, recorded on the turn it answers. */
  endpointOf?: (provider: ModelProvider) => EndpointStamp | undefined;
  /** Read per turn: false for servers that keep no state, so every turn carries the recent transcript. */
  storeResponses: () => boolean;
  /** Read per turn: `threadline.reasoningSummary`; `auto` when not given. */
  reasoningSummary?: () => ReasoningSummarySetting;
  /**
   * Read per turn: alternatives per token when the conversation shows token confidence, else undefined (not
   * asked). A display choice like the summary, so regenerate and retry follow the toggle as it is now.
   */
  topLogprobs?: (conversationId: string) => number | undefined;
  logger: Logger;
  now?: () => number;
  /** The model's context budget: tokens a re-sent transcript may take, and where the server should compact. */
  contextBudget?: (model: string, endpoint: string) => ContextBudget;
  /** Counts tokens with the model's encoding; the default is an estimate. */
  countTokens?: (model: string) => TokenCounter;
  /** What each endpoint taught about its chains; the host's store is shared by every conversation and saved. */
  chainMemory?: ChainMemoryStore;
  /** Read per turn: `threadline.imageDetail`; `auto` when not given. */
  imageDetail?: () => ImageDetail;
}

export interface ContextBudget {
  /** Tokens a re-sent transcript may take. */
  transcriptTokens: number;
  /** A chain past this many tokens is compacted. */
  compactAtTokens: number;
  /** The endpoint compacts chains itself when asked (`context_management`); otherwise Threadline does, between turns. */
  serverCompacts: boolean;
}

/** Without a host to say better: a 128k window, a fifth kept for the answer, compaction at 80%. */
export const DEFAULT_BUDGET: ContextBudget = { transcriptTokens: 102_400, compactAtTokens: 102_400, serverCompacts: false };
