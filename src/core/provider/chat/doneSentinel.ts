/**
 * Whether a Chat Completions stream ended with `data: [DONE]`. The SDK swallows that line and ends its iterator
 * the same way whether it came or the connection simply closed, yet only [DONE] says the server finished: a body
 * that stops without it was cut off, as a Responses stream without its terminal event is. So the provider's fetch
 * passes every successful body through this watcher, which forwards the bytes untouched and notes the line.
 */
export class DoneSentinel {
  private readonly watched = new WeakMap<Response, { done: boolean }>();

  constructor(private readonly base: typeof globalThis.fetch = globalThis.fetch) {}

  /** The fetch to give the SDK. Error replies pass through untouched, so the SDK reads their bodies as before. */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await this.base.call(undefined, input, init);
    if (!response.ok || !response.body) return response;
    const state = { done: false };
    const watched = new Response(response.body.pipeThrough(doneWatcher(state)), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    this.watched.set(watched, state);
    return watched;
  };

  /** True once [DONE] went by; undefined for a response this sentinel did not watch. */
  sawDone(response: Response): boolean | undefined {
    return this.watched.get(response)?.done;
  }
}

const TARGET = Array.from('data:[DONE]', (c) => c.charCodeAt(0));
const LF = 10;
const CR = 13;
const SPACE = 32;
/** Where the optional space after `data:` may stand. */
const AFTER_COLON = 5;

/**
 * A byte-level matcher for a line that starts `data: [DONE]` (the space is optional, as in SSE), so a chunk
 * boundary anywhere in it does not matter and a "[DONE]" inside a JSON string never counts.
 */
function doneWatcher(state: { done: boolean }): TransformStream<Uint8Array, Uint8Array> {
  let position = 0;
  let spaceSeen = false;
  return new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk);
      for (let i = 0; i < chunk.length && !state.done; i++) {
        const byte = chunk[i];
        if (byte === LF || byte === CR) {
          position = 0;
          spaceSeen = false;
        } else if (position < 0) {
          continue;
        } else if (position === AFTER_COLON && byte === SPACE && !spaceSeen) {
          spaceSeen = true;
        } else if (byte === TARGET[position]) {
          position++;
          if (position === TARGET.length) state.done = true;
        } else {
          position = -1;
        }
      }
    },
  });
}
