import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { RECORDED_DIR } from '../recordedStreams';

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

export class RecordedChatServer {
  readonly requests: Array<{ path: string; body: Record<string, unknown> }> = [];
  private server: Server | undefined;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ path, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
        const match = /^\/([^/]+)\/v1\/chat\/completions$/.exec(path);
        if (req.method !== 'POST' || !match) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_replay_${this.requests.length}` });
        // The recorded chunk goes out byte for byte; only the SSE framing and the closing [DONE] are added.
        for (const line of recordedLines(decodeURIComponent(match[1]))) res.write(`data: ${line}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }

  baseURLFor(name: string): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('RecordedChatServer is not started');
    return `http://127.0.0.1:${address.port}/${encodeURIComponent(name)}/v1`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
