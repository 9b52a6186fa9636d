import { createServer, type Server, type ServerResponse } from 'node:http';
import { closeNow, listenOnLoopback, listeningPort, readBody } from '../../fake-server/http';

/**
 * A loopback server that answers each stream by name, so it goes through the real openai SDK as a live one would:
 * every stream has its own base URL, `${origin}/<name>/v1`, and a POST to the API's route under it gets the
 * stream in that API's wire format. Other requests get a 404 in the API's error shape.
 */
export abstract class ReplayServer<Body> {
  /** Every request received, in order. */
  readonly requests: Array<{ path: string; body: Body }> = [];
  private server: Server | undefined;

  /**
   * @param name names the server in errors.
   * @param route the API's path after `/<name>/v1`, e.g. `/responses`.
   */
  constructor(private readonly name: string, private readonly route: string) {}

  /** The request body as this server records it. */
  protected abstract parseBody(raw: string): Body;

  /** Writes the stream `name` as the API sends it, ending the response. */
  protected abstract writeStream(res: ServerResponse, name: string): void;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = (req.url ?? '/').split('?')[0];
        this.requests.push({ path, body: this.parseBody(raw) });
        const prefix = /^\/([^/]+)\/v1(\/.*)$/.exec(path);
        if (req.method !== 'POST' || !prefix || prefix[2] !== this.route) {
          res.writeHead(404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: `no route for ${req.method} ${path}`, type: 'invalid_request_error', param: null, code: null } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_replay_${this.requests.length}` });
        this.writeStream(res, decodeURIComponent(prefix[1]));
      }).catch(() => res.destroy());
    });
    this.server = server;
    await listenOnLoopback(server);
  }

  baseURLFor(name: string): string {
    return `http://127.0.0.1:${listeningPort(this.server, this.name)}/${encodeURIComponent(name)}/v1`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeNow(server);
  }
}
