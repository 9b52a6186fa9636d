import type { TurnError } from '../turn/turnError';
import type { Usage } from '../turn/usage';
import type { InputImage } from '../images/imageRef';
import type { HttpTransport } from '../network/httpTransport';
import type { ReasoningEffort, ReasoningSummarySetting, Verbosity } from '../models/parameters';
import type { WebSearchContextSize } from '../models/webSearch';
import type { PartEvent, TurnPart } from '../turn/turnParts';

/** Everything needed to build an SDK client. The key is passed in, never read from settings. */
export interface ProviderSettings {
  apiKey: string;
  baseURL: string;
  organization?: string;
  project?: string;
  timeoutMs: number;
  maxRetries: number;
  /**
   * Sent with every request: a profile's own headers, and where its key goes when not in `Authorization` (Azure's
   * `api-key`). A `null` value removes a header the SDK would add.
   */
  headers?: Record<string, string | null>;
  /** Proxy and extra CAs (see core/network); absent: the runtime's own fetch. */
  transport?: HttpTransport;
}

/** A prior exchange re-sent as input items when a server-side chain has to be rebuilt. */
export interface InputMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Images sent after the text of a user message (core/images); each dialect spells them its own way. */
  images?: readonly InputImage[];
}

export type TextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict: boolean; description?: string };

export interface ModelRequest {
  model: string;
  /** Sent on every request: the server does not carry instructions over a previous_response_id chain. */
  instructions: string;
  input: string | InputMessage[];
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  /** Sent as `reasoning.effort`, only to models that take this value (see core/models). */
  reasoningEffort?: ReasoningEffort;
  /** Sent as `reasoning.summary` to reasoning models; `off` or unset: not requested. */
  reasoningSummary?: ReasoningSummarySetting;
  /** Sent as `text.verbosity`, only to models that take it (the gpt-5 family). */
  verbosity?: Verbosity;
  textFormat?: TextFormat;
  /** The hosted web_search tool, with the sources of each search; only to models that take it (see core/models). */
  webSearch?: { contextSize?: WebSearchContextSize };
  /**
   * Token confidence: ask for each output token's logprob and this many alternatives (0–20), as
   * `include: ['message.output_text.logprobs']` and `top_logprobs`. Left out for models that give none.
   */
  topLogprobs?: number;
  store: boolean;
  previousResponseId?: string;
  /** Opaque items sent ahead of `input`, e.g. the output of `responses/compact` standing in for the chain. */
  leadingItems?: readonly unknown[];
  /** Ask the server to compact the chain once it passes this many tokens (`context_management`). */
  compactThreshold?: number;
}

/** The output of `responses/compact`: items that stand in for the whole chain, and what producing them cost. */
export interface CompactResult {
  items: unknown[];
  /** Input tokens the compaction read: the chain's size before. */
  inputTokens: number;
}

export type StreamChannel = 'text' | 'refusal' | 'reasoning';

export interface StreamListener {
  /**
   * Every character as it streams, by channel: enough for progress and time to first token. `text` carries
   * commentary as well as the answer, so what the answer IS comes from the parts (or the result's `text`).
   */
  onDelta(channel: StreamChannel, text: string): void;
  /** The answer's parts as they change (see core/turn/turnParts). */
  onPart?(event: PartEvent): void;
}

/**
 * How a stream ended. `stopped` is a user cancel; `error` covers HTTP, network and protocol faults,
 * with `error` describing it for the user. Text received before the end is always returned.
 */
export interface StreamResult {
  status: 'completed' | 'incomplete' | 'failed' | 'stopped' | 'error';
  responseId?: string;
  /** The request asked the server to keep the response (`store: true`); set by whoever chose that. */
  responseStored?: boolean;
  usage?: Usage;
  incompleteReason?: string;
  error?: TurnError;
  /** The final message's text only: no commentary, nothing glued. */
  text: string;
  refusal: string;
  reasoning: string;
  /**
   * Settings the model did not receive, as short phrases for the turn footer ("temperature not used by gpt-5"):
   * left out because the model does not take them, or because the server refused them.
   */
  notApplied?: string[];
  /** The response carried a compaction item: the server compacted the chain (`context_management`). */
  compacted?: boolean;
  /** The answer as an ordered list of parts: commentary, tool activity, reasoning and the final message. */
  parts?: TurnPart[];
}

/** The logging surface the provider needs; the host backs it with a LogOutputChannel. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Prompts and full payloads are logged only when this is true. */
  isDebugEnabled(): boolean;
}

/** The wire protocol an endpoint speaks: OpenAI's Responses API, or Chat Completions (which keeps no state). */
export type Dialect = 'responses' | 'chat';

/**
 * What the conversation, the editor commands and the history need from any dialect's provider. `stream` never
 * throws for API, network or protocol faults: every ending is a StreamResult with the text received so far.
 * Capabilities a dialect lacks are absent: Chat Completions cannot chain, compact or delete stored responses.
 */
export interface ModelProvider {
  readonly dialect: Dialect;
  /** The base URL this provider talks to: what per-endpoint memory is keyed by. */
  readonly endpoint: string;
  /** False when the server keeps no conversation state: every turn then carries the recent transcript. */
  readonly keepsState: boolean;
  stream(request: ModelRequest, listener: StreamListener, signal?: AbortSignal): Promise<StreamResult>;
  /** `responses/compact`: items standing in for the whole chain. */
  compact?(request: { model: string; instructions: string; previousResponseId: string }, signal?: AbortSignal): Promise<CompactResult | TurnError>;
  /** Deletes one stored response on the server. */
  deleteResponse?(id: string, signal?: AbortSignal): Promise<'deleted' | 'gone' | { reason: string }>;
}
