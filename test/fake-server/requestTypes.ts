import type { Fault } from './faults';
import type { ApiError } from './rejections';
import type { FakeReply } from './replies';
import type { StreamOutcome } from './responseStream';

/** What the fake server records of every request, and the shapes of the bodies it reads. */

export interface ResponsesRequestBody {
  model?: string;
  instructions?: string;
  input?: unknown;
  previous_response_id?: string;
  store?: boolean;
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  max_output_tokens?: number;
  reasoning?: { effort?: string | null; summary?: string | null } | null;
  text?: { format?: { type: string; name?: string; schema?: unknown }; verbosity?: string | null };
  context_management?: { type: string; compact_threshold?: number | null }[] | null;
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: ResponsesRequestBody;
  /** The x-request-id this request was answered with. */
  requestId: string;
  /** The text of the last user message, markers included. */
  userText: string;
  fault?: Fault['kind'];
  /** The HTTP status answered (undefined while a stalled request waits). */
  status?: number;
  /** The error body of a rejected request. */
  error?: ApiError;
  /** How a stream ended. */
  outcome?: StreamOutcome;
  /** The id of the response this request was answered with (POST /v1/responses that got as far as a response). */
  responseId?: string;
}

/** Returns the answer for a request, or undefined to fall back to markers and the default reply. */
export type ReplyFunction = (request: RecordedRequest) => FakeReply | string | undefined;
