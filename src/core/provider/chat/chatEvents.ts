import { APIError } from 'openai';
import { _iterSSEMessages } from 'openai/core/streaming';

/**
 * The chunks of one Chat Completions stream, and whether it ended with `data: [DONE]`. The SDK's Stream swallows
 * that line and ends the same way whether it came or the connection simply closed, yet only [DONE] says the
 * server finished: a body that stops without it was cut off, as a Responses stream without its terminal event is.
 *
 * So the provider takes the raw response (`asResponse()`) and reads it with the SDK's own SSE decoder, doing what
 * its Stream does with each message (JSON, `{"error": …}` as an APIError, everything after [DONE] drained unread)
 * and noting [DONE] on the way. The body is read once, by the same code as the bare SDK: no second stream, no
 * wrapped fetch, nothing added per chunk but this generator's own step.
 */
export class ChatEventStream implements AsyncIterable<unknown> {
  /** True once the `[DONE]` line went by. */
  sawDone = false;

  constructor(private readonly response: Response, private readonly controller: AbortController) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<unknown, void, undefined> {
    let finished = false;
    try {
      for await (const sse of _iterSSEMessages(this.response, this.controller)) {
        if (this.sawDone) continue;
        if (sse.data.startsWith('[DONE]')) {
          this.sawDone = true;
          continue;
        }
        const data = JSON.parse(sse.data) as { error?: unknown } | null;
        if (data?.error) throw new APIError(undefined, data.error as object, undefined, this.response.headers);
        yield data;
      }
      finished = true;
    } catch (error) {
      // Stop and the stall watchdog abort the request: the provider reads which from its own state, as after the SDK's Stream.
      if (this.controller.signal.aborted) return;
      throw error;
    } finally {
      // Left early (a malformed chunk, a Stop): the connection is not read to its end, so it is closed.
      if (!finished) this.controller.abort();
    }
  }
}
