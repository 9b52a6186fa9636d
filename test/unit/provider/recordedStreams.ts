import { readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * Recorded Responses streams (test/fixtures/recorded, one JSON event per line, sources in SOURCES.md) served
 * back over loopback HTTP in the real SSE wire format, so they go through the real openai SDK exactly as a
 * live stream would. Each file gets its own base URL: `${origin}/<file name>/v1`.
 */

export const RECORDED_DIR = join(process.cwd(), 'test', 'fixtures', 'recorded');

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

export class RecordedStreamServer {
  /** Every request body received, in order. */
  readonly requests: Array<{ path: string; body: unknown }> = [];
  private server: Server | undefined;
  private readonly extra = new Map<string, string[]>();

  /** Serves events made up in memory under `name`, beside the recordings (benchmarks compare against them). */
  register(name: string, events: ReadonlyArray<Record<string, unknown>>): void {
    this.extra.set(name, events.map((event) => JSON.stringify(event)));
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = (req.url ?? '/').split('?')[0];
        const raw = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ path, body: raw ? JSON.parse(raw) : undefined });
        const match = /^\/([^/]+)\/v1\/responses$/.exec(path);
        if (req.method !== 'POST' || !match) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_replay_${this.requests.length}` });
        // The recorded payload goes out byte for byte; only the SSE framing around it is added.
        const name = decodeURIComponent(match[1]);
        for (const line of this.extra.get(name) ?? recordedLines(name)) {
          const type = (JSON.parse(line) as { type: string }).type;
          res.write(`event: ${type}\ndata: ${line}\n\n`);
        }
        res.end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }

  baseURLFor(name: string): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('RecordedStreamServer is not started');
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
