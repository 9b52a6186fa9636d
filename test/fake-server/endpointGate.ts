import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeNow, flatHeaders, listenOnLoopback, listeningPort, readBody, sendJson } from './http';

/**
 * A loopback front that plays one kind of endpoint in front of a fake Responses server: its own path prefix
 * (`/openai/v1` for Azure, `/v1beta/openai` for Gemini), its own key placement (a Bearer key, or Azure's `api-key`
 * header), `GET …/models`, and the 404s of a model or deployment it does not have. Everything else is passed on
 * to the fake under `/v1`. It records each request as it arrived, before any check, so tests see key placement.
 */

export interface GateOptions {
  /** Path the API starts at, e.g. `/v1`, `/openai/v1`, `/v1beta/openai`. */
  prefix: string;
  /** The key the endpoint accepts; undefined accepts any request (a local server). */
  key?: string;
  /** Where the key must be: `Authorization: Bearer KEY`, or Azure's `api-key: KEY`. */
  keyHeader?: 'bearer' | 'api-key';
  /** What `GET …/models` lists; undefined answers 404, as servers that cannot list do. */
  models?: string[];
  /** Refuse a request for a model not in `models`: `model` like OpenAI and local servers, `deployment` like Azure. */
  unknownModel?: 'model' | 'deployment';
}

export interface GateRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: { model?: string; previous_response_id?: string; [key: string]: unknown };
}

export class EndpointGate {
  readonly requests: GateRequest[] = [];
  private server: Server | undefined;

  constructor(private readonly upstreamBaseURL: string, public options: GateOptions) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await listenOnLoopback(server);
    return this.baseURL;
  }

  get port(): number {
    return listeningPort(this.server, 'EndpointGate');
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}${this.options.prefix}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await closeNow(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    let body: GateRequest['body'] = {};
    try {
      body = raw ? (JSON.parse(raw) as GateRequest['body']) : {};
    } catch {
      body = {};
    }
    const headers = flatHeaders(req);
    this.requests.push({ method: req.method ?? 'GET', path, headers, body });
    const { prefix, key, keyHeader = 'bearer', models, unknownModel } = this.options;
    if (!path.startsWith(`${prefix}/`)) return sendJson(res, 404, { error: { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error' } });
    if (key !== undefined) {
      const sent = keyHeader === 'api-key' ? headers['api-key'] : headers.authorization?.replace(/^Bearer\s+/i, '');
      if (sent !== key) {
        return keyHeader === 'api-key'
          ? sendJson(res, 401, { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } })
          : sendJson(res, 401, { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } });
      }
    }
    const rest = path.slice(prefix.length);
    if (req.method === 'GET' && rest === '/models') {
      if (!models) return sendJson(res, 404, { error: { message: 'Not found', type: 'invalid_request_error' } });
      return sendJson(res, 200, { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    }
    if (unknownModel && models && typeof body.model === 'string' && !models.includes(body.model)) {
      return unknownModel === 'deployment'
        ? sendJson(res, 404, { error: { code: 'DeploymentNotFound', message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.' } })
        : sendJson(res, 404, { error: { message: `The model \`${body.model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found' } });
    }
    this.forward(req, res, `/v1${rest}`, raw);
  }

  private forward(req: IncomingMessage, res: ServerResponse, path: string, body: string): void {
    const upstream = new URL(this.upstreamBaseURL);
    const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(body)) };
    const outgoing = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    outgoing.on('error', () => res.destroy());
    outgoing.end(body);
  }
}
