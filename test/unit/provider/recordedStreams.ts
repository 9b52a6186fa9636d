import { readFileSync, readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RECORDED_DIR } from '../../fake-server/recordedReplay';
import { ReplayServer } from './replayServer';

export { RECORDED_DIR };

/**
 * Recorded Responses streams (test/fixtures/recorded, one JSON event per line, sources in SOURCES.md) served
 * back over loopback HTTP in the real SSE wire format, so they go through the real openai SDK exactly as a
 * live stream would. Each file gets its own base URL: `${origin}/<file name>/v1`.
 */

export function recordedStreamNames(): string[] {
  return readdirSync(RECORDED_DIR).filter((name) => name.endsWith('.jsonl')).map((name) => name.replace(/\.jsonl$/, '')).sort();
}

/** The events of a recording, parsed, for tests that read what the server said. */
export function recordedEvents(name: string): Array<Record<string, unknown> & { type: string }> {
  return recordedLines(name).map((line) => JSON.parse(line) as Record<string, unknown> & { type: string });
}

function recordedLines(name: string): string[] {
  return readFileSync(join(RECORDED_DIR, `${name}.jsonl`), 'utf8').split('\n').filter((line) => line.trim().length > 0);
}

/** Serves the recordings (and streams registered in memory) as POST /v1/responses streams, in the real SSE format. */
export class RecordedStreamServer extends ReplayServer<unknown> {
  private readonly extra = new Map<string, string[]>();

  constructor() {
    super('RecordedStreamServer', '/responses');
  }

  /** Serves events made up in memory under `name`, beside the recordings (benchmarks compare against them). */
  register(name: string, events: ReadonlyArray<Record<string, unknown>>): void {
    this.extra.set(name, events.map((event) => JSON.stringify(event)));
  }

  protected parseBody(raw: string): unknown {
    return raw ? JSON.parse(raw) : undefined;
  }

  protected writeStream(res: ServerResponse, name: string): void {
    // The recorded payload goes out byte for byte; only the SSE framing around it is added.
    for (const line of this.extra.get(name) ?? recordedLines(name)) {
      const type = (JSON.parse(line) as { type: string }).type;
      res.write(`event: ${type}\ndata: ${line}\n\n`);
    }
    res.end();
  }
}
