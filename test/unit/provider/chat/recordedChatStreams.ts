import { readFileSync, readdirSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { RECORDED_DIR } from '../recordedStreams';
import { ReplayServer } from '../replayServer';

/**
 * Recorded Chat Completions streams (test/fixtures/recorded/chat, one chunk per line, sources in ../SOURCES.md)
 * served back over loopback HTTP in the API's wire format, `data: {chunk}` per chunk and `data: [DONE]` at the end,
 * so they pass through the real openai SDK as a live stream would. Each file has its own base URL.
 */

export const RECORDED_CHAT_DIR = join(RECORDED_DIR, 'chat');

export function recordedChatStreamNames(): string[] {
  return readdirSync(RECORDED_CHAT_DIR).filter((name) => name.endsWith('.jsonl')).map((name) => name.replace(/\.jsonl$/, '')).sort();
}

export function recordedChunks(name: string): Array<Record<string, unknown>> {
  return recordedLines(name).map((line) => JSON.parse(line) as Record<string, unknown>);
}

function recordedLines(name: string): string[] {
  return readFileSync(join(RECORDED_CHAT_DIR, `${name}.jsonl`), 'utf8').split('\n').filter((line) => line.trim().length > 0);
}

/** Serves the recordings as POST /v1/chat/completions streams: `data: {chunk}` per chunk, then `data: [DONE]`. */
export class RecordedChatServer extends ReplayServer<Record<string, unknown>> {
  constructor() {
    super('RecordedChatServer', '/chat/completions');
  }

  protected parseBody(raw: string): Record<string, unknown> {
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  }

  protected writeStream(res: ServerResponse, name: string): void {
    // The recorded chunk goes out byte for byte; only the SSE framing and the closing [DONE] are added.
    for (const line of recordedLines(name)) res.write(`data: ${line}\n\n`);
    res.end('data: [DONE]\n\n');
  }
}
