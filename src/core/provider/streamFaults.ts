/**
 * Faults that happen after the HTTP response started, where the SDK has no error class of its own:
 * the stream said the response failed or stopped early, sent an `error` event, broke off, stalled or
 * sent bytes that are not the Responses streaming format. The provider raises these so `describeError`
 * can turn every failure, HTTP or stream, into one user-facing message.
 */

export class ResponseFailedFault extends Error {
  constructor(readonly code: string | undefined, readonly serverMessage: string | undefined) {
    super(`response.failed${code ? ` (${code})` : ''}: ${serverMessage ?? 'no message'}`);
    this.name = 'ResponseFailedFault';
  }
}

export class ResponseIncompleteFault extends Error {
  constructor(readonly reason: string | undefined) {
    super(`response.incomplete: ${reason ?? 'no reason given'}`);
    this.name = 'ResponseIncompleteFault';
  }
}

/** An `event: error` inside the stream (6.x yields it as an item instead of throwing). */
export class StreamErrorEventFault extends Error {
  constructor(readonly code: string | undefined, readonly serverMessage: string | undefined, readonly param: string | undefined) {
    super(`stream error event${code ? ` (${code})` : ''}: ${serverMessage ?? 'no message'}`);
    this.name = 'StreamErrorEventFault';
  }
}

/**
 * The connection closed, or the body ended, before a terminal event arrived. `ending` says how the body ended when
 * the server itself closed it in a way that is not a finish (Chat Completions: `[DONE]` without a finish_reason).
 */
export class StreamBrokenFault extends Error {
  constructor(readonly receivedText: boolean, override readonly cause?: unknown, readonly ending?: string) {
    super(`stream broke off before the response finished${ending ? ` (${ending})` : cause instanceof Error ? `: ${cause.message}` : ''}`);
    this.name = 'StreamBrokenFault';
  }
}

export class MalformedStreamFault extends Error {
  constructor(readonly reason: string) {
    super(`malformed stream: ${reason}`);
    this.name = 'MalformedStreamFault';
  }
}

/** No event arrived for the whole request timeout after the response had started. The SDK's own timeout only covers the headers. */
export class StreamStalledFault extends Error {
  constructor(readonly idleMs: number) {
    super(`no data for ${Math.round(idleMs)} ms`);
    this.name = 'StreamStalledFault';
  }
}
