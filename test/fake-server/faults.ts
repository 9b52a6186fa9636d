/**
 * Fault modes of the fake Responses server, and the markers that select them from inside a user message.
 *
 * Markers (anywhere in the LAST user message of a request; earlier transcript messages never trigger them; [[fault]]
 * and [[slow]] also in the request's instructions, so one persona of a fan-out fails or lags alone):
 *   [[fault:KIND]] or [[fault:KIND:ARG]]  one fault for this request, KIND one of FAULT_KINDS below. ARG is
 *                                       retry-after seconds for rate_limit, the HTTP status for server_error,
 *                                       and "after N deltas" of the answer for the stream faults (reset,
 *                                       stall_mid_stream, malformed, incomplete, failed, error_event, close_early);
 *                                       reasoning and commentary deltas do not count.
 *   [[slow:MS]]       wait MS milliseconds before every delta.
 *   [[reply:TEXT]]    answer exactly TEXT (up to the closing brackets).
 *   [[long:N]]        answer with N words (for long, many-delta streams).
 *   [[refusal]]       answer with a refusal part instead of text.
 *   [[reasoning]] or [[reasoning:N]]  the model reasons with a summary of N parts (default 1). The summary is
 *                     streamed only when the request asks for one (reasoning.summary), as the real API does;
 *                     otherwise the reasoning item arrives without it. Models that do not reason ignore it.
 *   [[tool:web_search]] or [[tool:web_search:QUERY]]  a web_search_call item (query defaults to the user's text)
 *                     between the commentary and the answer.
 *   [[cite]] or [[cite:N]]  N url_citation annotations (default 1) on the answer.
 *   [[replay:NAME]]   answer with the recorded real stream test/fixtures/recorded/NAME.jsonl (see recordedReplay.ts);
 *                     [[slow:MS]] then paces its events.
 *
 * unsupported_parameter answers HTTP 400 naming `param` as unsupported, like the API does for `temperature` on
 * gpt-5; queue it with `param` (and `code` / `message` for the `unsupported_value` bodies).
 *
 * POST /v1/chat/completions takes the same markers and faults; `[[reasoning]]` streams reasoning text there only when
 * the server plays one that sends it (`chatReasoningField`). Its own faults: done_missing (no `data: [DONE]`),
 * done_early ([DONE] after N deltas, no finish_reason), content_filter (finish_reason content_filter after N deltas)
 * and not_sse (HTTP 200 with the whole completion as JSON, ignoring `stream: true`).
 *
 * Stalls come in two flavours, because the SDK's timeout only covers the wait for response headers:
 *   stall             the request is accepted and nothing is ever sent: the SDK's own timeout fires.
 *   stall_mid_stream  headers and some deltas are sent, then silence: only the provider's idle watchdog notices.
 */

export const FAULT_KINDS = [
  'auth', 'permission', 'model_not_found', 'rate_limit', 'insufficient_quota', 'server_error', 'reset', 'stall',
  'stall_mid_stream', 'malformed', 'failed', 'incomplete', 'previous_not_found', 'error_event', 'close_early',
  'unsupported_parameter',
  // Chat Completions only (chatStream.ts): the stream's own endings, and a 200 that is not an event stream.
  'done_missing', 'done_early', 'content_filter', 'not_sse',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  kind: FaultKind;
  /** Stream faults: how many text deltas go out before the fault. */
  afterDeltas?: number;
  /** rate_limit: the retry-after header in seconds (default 2). */
  retryAfterSeconds?: number;
  /** rate_limit: also send retry-after-ms, which the SDK prefers. */
  retryAfterMs?: number;
  /** server_error: the status (default 500). */
  status?: number;
  /** failed / error_event / incomplete / unsupported_parameter: what the server says. */
  message?: string;
  code?: string;
  reason?: string;
  /** unsupported_parameter: the refused parameter as the API names it (default `temperature`). */
  param?: string;
}

export interface Markers {
  fault?: Fault;
  slowMs?: number;
  reply?: string;
  longWords?: number;
  refusal: boolean;
  /** Summary parts of a [[reasoning]] marker; undefined without one. */
  reasoningParts?: number;
  webSearchQuery?: string;
  citations?: number;
  replay?: string;
}

const MARKER = /\[\[(fault|slow|reply|long|refusal|reasoning|tool|cite|replay)(?::([^\]]*))?\]\]/g;

export function parseMarkers(text: string): Markers {
  const markers: Markers = { refusal: false };
  for (const match of text.matchAll(MARKER)) {
    const [, name, arg = ''] = match;
    if (name === 'fault') markers.fault = parseFaultArg(arg);
    else if (name === 'slow') markers.slowMs = Number.parseInt(arg, 10) || 0;
    else if (name === 'reply') markers.reply = arg;
    else if (name === 'long') markers.longWords = Number.parseInt(arg, 10) || 100;
    else if (name === 'refusal') markers.refusal = true;
    else if (name === 'reasoning') markers.reasoningParts = Number.parseInt(arg, 10) || 1;
    else if (name === 'replay') markers.replay = arg;
    else if (name === 'cite') markers.citations = Number.parseInt(arg, 10) || 1;
    else if (name === 'tool' && arg.startsWith('web_search')) markers.webSearchQuery = arg.slice('web_search:'.length) || stripMarkers(text);
  }
  return markers;
}

export function stripMarkers(text: string): string {
  return text.replace(MARKER, '').replace(/\s{2,}/g, ' ').trim();
}

function parseFaultArg(arg: string): Fault | undefined {
  const [kind, value] = arg.split(':');
  if (!(FAULT_KINDS as readonly string[]).includes(kind)) return undefined;
  const fault: Fault = { kind: kind as FaultKind };
  const number = value === undefined ? undefined : Number.parseFloat(value);
  if (number === undefined || !Number.isFinite(number)) return fault;
  if (fault.kind === 'rate_limit') fault.retryAfterSeconds = number;
  else if (fault.kind === 'server_error') fault.status = number;
  else fault.afterDeltas = number;
  return fault;
}
