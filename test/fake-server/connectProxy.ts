import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback, listeningPort } from './http';

export interface RecordedConnect {
  /** host:port asked for in the CONNECT line. */
  target: string;
  proxyAuthorization?: string;
}

/**
 * A loopback HTTP proxy that only tunnels (CONNECT), as corporate proxies in front of HTTPS do. It records every
 * CONNECT and can play a proxy that wants a login: with `requireLogin` set, a CONNECT without exactly that
 * Proxy-Authorization gets 407.
 */
export class ConnectProxy {
  readonly connects: RecordedConnect[] = [];
  /** e.g. `Basic dXNlcjpwYXNz`; unset lets everyone through. */
  requireLogin: string | undefined;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  async start(): Promise<string> {
    const server = createServer((_req, res) => {
      res.writeHead(405, { 'content-type': 'text/plain' });
      res.end('this test proxy only tunnels (CONNECT)');
    });
    server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => this.tunnel(req, client, head));
    server.on('connection', (socket: Socket) => this.track(socket));
    this.server = server;
    await listenOnLoopback(server);
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${listeningPort(this.server, 'ConnectProxy')}`;
  }

  /** host:port of the proxy, as messages may name it. */
  get host(): string {
    return new URL(this.url).host;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? '';
    const proxyAuthorization = req.headers['proxy-authorization'];
    this.connects.push({ target, ...(proxyAuthorization ? { proxyAuthorization } : {}) });
    if (this.requireLogin !== undefined && proxyAuthorization !== this.requireLogin) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="threadline-test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = splitTarget(target);
    const upstream = this.track(connect(port, host));
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }
}

function splitTarget(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}
