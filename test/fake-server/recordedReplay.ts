import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { sleep } from './http';

/**
 * A recorded real stream (test/fixtures/recorded, sources in its SOURCES.md) answered as this server's own
 * response: the events go out as recorded, in the SSE framing the API uses, with only the response id replaced
 * by the fake's, so the chain, stored responses and request log work as for any other answer.
 */

export const RECORDED_DIR = join(process.cwd(), 'test', 'fixtures', 'recorded');

type Event = Record<string, unknown> & { type: string };

export function readRecording(name: string, dir = RECORDED_DIR): Event[] {
  // Names come from a marker in a test's message: a path outside the folder is refused, not read.
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`not a recording name: ${name}`);
  return readFileSync(join(dir, `${name}.jsonl`), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
}

/** Writes the recording as a stream; returns the final response (as stored for previous_response_id). */
export async function replayRecording(res: ServerResponse, events: readonly Event[], id: string, delayMs: number): Promise<Record<string, unknown>> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  let final: Record<string, unknown> = {};
  for (const recorded of events) {
    const event = withResponseId(recorded, id);
    if (delayMs > 0) await sleep(delayMs);
    if (res.destroyed) break;
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    if (event.response && typeof event.response === 'object') final = event.response as Record<string, unknown>;
  }
  res.end();
  return final;
}

function withResponseId(event: Event, id: string): Event {
  if (!event.response || typeof event.response !== 'object') return event;
  return { ...event, response: { ...(event.response as Record<string, unknown>), id } };
}
