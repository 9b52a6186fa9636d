import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import type { ApiError, Rejection } from './rejections';

/** The few HTTP chores of the fake server, on node builtins only. */

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendRejection(res: ServerResponse, rejection: Rejection): void {
  sendJson(res, rejection.status, { error: rejection.error }, rejection.headers);
}

/** Answers 200 with `payload`, noting the status on the request's record. */
export function answer(recorded: { status?: number }, res: ServerResponse, payload: unknown): void {
  recorded.status = 200;
  sendJson(res, 200, payload);
}

/** Refuses the request as the real API does, noting the status and error body on its record. */
export function reject(recorded: { status?: number; error?: ApiError }, res: ServerResponse, rejection: Rejection): void {
  recorded.status = rejection.status;
  recorded.error = rejection.error;
  sendRejection(res, rejection);
}

/** Resets the connection once what was written has reached the client, or the reset would land before the headers. */
export async function resetWhenFlushed(res: ServerResponse): Promise<void> {
  while (res.socket && !res.socket.destroyed && res.socket.writableLength > 0) await sleep(1);
  await sleep(5);
  res.socket?.destroy();
}

/** Paces a stream: the wait before each delta a test asked for. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Listens on 127.0.0.1 (`port` 0 takes any free one); rejects when the port cannot be had. */
export function listenOnLoopback(server: NetServer, port = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

/** The port a started server listens on; `name` says which server it is when it was not started. */
export function listeningPort(server: NetServer | undefined, name: string): number {
  const address = server?.address() as AddressInfo | null | undefined;
  if (!address) throw new Error(`${name} is not started`);
  return address.port;
}

/** Closes the server and every connection it holds open: a stalled stream never ends by itself. */
export async function closeNow(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
