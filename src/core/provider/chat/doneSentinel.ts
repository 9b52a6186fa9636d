/**
 * Whether a Chat Completions stream ended with `data: [DONE]`. The SDK swallows that line and ends its iterator
 * the same way whether it came or the connection simply closed, yet only [DONE] says the server finished: a body
 * that stops without it was cut off, as a Responses stream without its terminal event is. So the provider's fetch
 * watches every successful body on its way to the SDK, leaving the bytes untouched, and notes the line.
 */
export class DoneSentinel {
  private readonly watched = new WeakMap<Response, { done: boolean }>();

  constructor(private readonly base: typeof globalThis.fetch = globalThis.fetch) {}

  /** The fetch to give the SDK. Error replies pass through untouched, so the SDK reads their bodies as before. */
  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await this.base.call(undefined, input, init);
    if (!response.ok || !response.body) return response;
    const state = { done: false };
    watchIteration(response.body, doneScanner(state));
    this.watched.set(response, state);
    return response;
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
 * The SDK reads a body through its async iterator, so that is where the chunks are seen: the stream keeps its own
 * iterator, wrapped. A second stream in between (`pipeThrough`, or a pull source) measured at a third to a half of
 * a local server's time to first token; this costs one promise per chunk and leaves the stream itself as it was.
 */
function watchIteration(body: ReadableStream<Uint8Array>, scan: (chunk: Uint8Array) => void): void {
  const original = (ReadableStream.prototype as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] as (this: ReadableStream<Uint8Array>) => AsyncIterator<Uint8Array>;
  Object.defineProperty(body, Symbol.asyncIterator, {
    configurable: true,
    value(this: ReadableStream<Uint8Array>) {
      const iterator = original.call(this);
      return {
        next: () => iterator.next().then((result) => {
          if (!result.done) scan(result.value);
          return result;
        }),
        return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true as const, value: undefined }),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    },
  });
}

/**
 * A byte-level matcher for a line that starts `data: [DONE]` (the space is optional, as in SSE), so a chunk
 * boundary anywhere in it does not matter and a "[DONE]" inside a JSON string never counts.
 */
function doneScanner(state: { done: boolean }): (chunk: Uint8Array) => void {
  let position = 0;
  let spaceSeen = false;
  return (chunk) => {
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
  };
}
