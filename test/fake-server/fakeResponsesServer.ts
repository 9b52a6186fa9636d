import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fault, parseMarkers, stripMarkers } from './faults';
import { type FakeReply, defaultReplyText, estimateTokens, exampleForSchema, longReplyText } from './replies';
import { type StreamOutcome, writeResponseStream } from './responseStream';

export { FAULT_KINDS, type Fault, type FaultKind } from './faults';
export type { FakeReply } from './replies';

/**
 * A loopback OpenAI Responses server for tests, built on node builtins only so it also runs inside the
 * VS Code extension host and the UI test runner. It streams the real SSE format, keeps the responses it made
 * so previous_response_id chains work (and can forget them), records every request, and injects faults
 * per request: queued with `queueFault`, or by markers in the user's text (see faults.ts for the list).
 */

export interface ResponsesRequestBody {
  model?: string;
  instructions?: string;
  input?: unknown;
  previous_response_id?: string;
  store?: boolean;
  stream?: boolean;
  temperature?: number;
  top_p?: number;
  max_output_tokens?: number;
  text?: { format?: { type: string; name?: string; schema?: unknown } };
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: ResponsesRequestBody;
  /** The x-request-id this request was answered with. */
  requestId: string;
  /** The text of the last user message, markers included. */
  userText: string;
  fault?: Fault['kind'];
  /** How the streamed answer ended, once it has: a test waits on this to know the server sends nothing more. */
  streamOutcome?: StreamOutcome;
}

/** Returns the answer for a request, or undefined to fall back to markers and the default reply. */
export type ReplyFunction = (request: RecordedRequest) => FakeReply | string | undefined;

interface StoredResponse {
  id: string;
  totalTokens: number;
  body: Record<string, unknown>;
}

export class FakeResponsesServer {
  readonly requests: RecordedRequest[] = [];
  /** Milliseconds to wait before each delta, for every request (a [[slow:MS]] marker overrides it). */
  deltaDelayMs = 0;
  /** How answers are made; by default deterministic text derived from the user's message. */
  reply: ReplyFunction | undefined;
  private readonly responses = new Map<string, StoredResponse>();
  private readonly queuedFaults: Fault[] = [];
  private server: Server | undefined;
  private counter = 0;
  private readonly instanceTag = randomBytes(3).toString('hex');

  async start(port = 0): Promise<string> {
    const server = createServer((req, res) => void this.handle(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return this.baseURL;
  }

  get baseURL(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('FakeResponsesServer is not started');
    return `http://127.0.0.1:${address.port}/v1`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    // Stalled streams never end by themselves.
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next request (FIFO per call) gets this fault instead of a normal answer. */
  queueFault(fault: Fault | Fault['kind']): void {
    this.queuedFaults.push(typeof fault === 'string' ? { kind: fault } : fault);
  }

  /** Drops every stored response, as a server does when they expire: chained requests then get previous_response_not_found. */
  forgetResponses(): void {
    this.responses.clear();
  }

  hasResponse(id: string): boolean {
    return this.responses.has(id);
  }

  /** Requests to POST /v1/responses only, in arrival order. */
  get responseRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses');
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${this.instanceTag}${String(++this.counter).padStart(6, '0')}`;
    res.setHeader('x-request-id', requestId);
    let body: ResponsesRequestBody = {};
    try {
      const raw = await readBody(req);
      body = raw.length > 0 ? (JSON.parse(raw) as ResponsesRequestBody) : {};
    } catch {
      return sendError(res, 400, { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null });
    }
    const path = (req.url ?? '/').split('?')[0];
    const userText = lastUserText(body.input);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: flatHeaders(req), body, requestId, userText };
    this.requests.push(recorded);

    if (req.method === 'POST' && path === '/v1/responses') return this.respond(recorded, res);
    if (req.method === 'POST' && path === '/v1/responses/input_tokens') {
      return sendJson(res, 200, { object: 'response.input_tokens', input_tokens: estimateTokens(`${body.instructions ?? ''}${inputText(body.input)}`) });
    }
    const stored = /^\/v1\/responses\/([^/]+)$/.exec(path);
    if (stored && req.method === 'GET' && this.responses.has(stored[1])) return sendJson(res, 200, this.responses.get(stored[1])?.body);
    if (stored && req.method === 'DELETE' && this.responses.delete(stored[1])) return sendJson(res, 200, { id: stored[1], object: 'response', deleted: true });
    sendError(res, 404, { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', param: null, code: null });
  }

  private async respond(recorded: RecordedRequest, res: ServerResponse): Promise<void> {
    const { body } = recorded;
    const markers = parseMarkers(recorded.userText);
    const fault = this.queuedFaults.shift() ?? markers.fault;
    recorded.fault = fault?.kind;
    const model = body.model ?? 'unknown-model';
    const auth = recorded.headers.authorization ?? '';
    if (fault && this.answerHttpFault(fault, res, model, auth)) return;
    if (fault?.kind === 'stall') return; // Accept and never answer: the client's timeout must fire.

    const previousId = body.previous_response_id;
    const previous = previousId ? this.responses.get(previousId) : undefined;
    if (previousId && !previous) {
      return sendError(res, 400, {
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
        message: `Previous response with id '${previousId}' not found.`,
      });
    }

    const reply = this.makeReply(recorded, markers);
    const id = `resp_${this.instanceTag}${String(this.counter).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
    const usage = usageFor(body, reply, previous?.totalTokens ?? 0);
    const response: Record<string, unknown> = {
      id,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      model,
      instructions: body.instructions ?? null,
      previous_response_id: previousId ?? null,
      store: body.store !== false,
      temperature: body.temperature ?? 1,
      top_p: body.top_p ?? 1,
      max_output_tokens: body.max_output_tokens ?? null,
      text: body.text ?? { format: { type: 'text' } },
      error: null,
      incomplete_details: null,
      output: [],
      parallel_tool_calls: true,
      tool_choice: 'auto',
      tools: [],
    };
    const remember = () => {
      if (body.store !== false) this.responses.set(id, { id, totalTokens: usage.total_tokens, body: { ...response, status: 'completed', usage } });
    };

    if (body.stream !== true) {
      remember();
      const content = reply.refusal !== undefined ? [{ type: 'refusal', refusal: reply.refusal }] : [{ type: 'output_text', text: reply.text, annotations: [] }];
      return sendJson(res, 200, { ...response, status: 'completed', usage, output: [{ id: `msg_${id.slice(5)}`, type: 'message', status: 'completed', role: 'assistant', content }] });
    }
    const outcome = await writeResponseStream(res, { response, reply, usage, delayMs: markers.slowMs ?? this.deltaDelayMs, fault });
    recorded.streamOutcome = outcome;
    if (outcome === 'completed' || outcome === 'incomplete') remember();
  }

  /** HTTP-level faults answer before any stream starts. Returns false for stream faults. */
  private answerHttpFault(fault: Fault, res: ServerResponse, model: string, auth: string): boolean {
    switch (fault.kind) {
      case 'auth':
        // Echo the key the way a careless server would, so tests prove it never reaches the user.
        sendError(res, 401, { message: `Incorrect API key provided: ${auth.replace(/^Bearer\s+/i, '')}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
        return true;
      case 'permission':
        sendError(res, 403, { message: `Project does not have access to model \`${model}\`.`, type: 'invalid_request_error', param: null, code: null });
        return true;
      case 'model_not_found':
        sendError(res, 404, { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' });
        return true;
      case 'rate_limit': {
        const seconds = fault.retryAfterSeconds ?? 2;
        res.setHeader('retry-after', String(seconds));
        if (fault.retryAfterMs !== undefined) res.setHeader('retry-after-ms', String(fault.retryAfterMs));
        sendError(res, 429, { message: `Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s.`, type: 'requests', param: null, code: 'rate_limit_exceeded' });
        return true;
      }
      case 'insufficient_quota':
        sendError(res, 429, { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' });
        return true;
      case 'server_error':
        sendError(res, fault.status ?? 500, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null });
        return true;
      case 'unsupported_parameter': {
        const param = fault.param ?? 'temperature';
        sendError(res, 400, { message: fault.message ?? `Unsupported parameter: '${param}' is not supported with this model.`, type: 'invalid_request_error', param, code: fault.code ?? null });
        return true;
      }
      case 'previous_not_found':
        sendError(res, 400, { type: 'invalid_request_error', param: 'previous_response_id', code: 'previous_response_not_found', message: "Previous response with id 'resp_gone' not found." });
        return true;
      default:
        return false;
    }
  }

  private makeReply(recorded: RecordedRequest, markers: ReturnType<typeof parseMarkers>): FakeReply {
    const scripted = this.reply?.(recorded);
    let reply: FakeReply;
    if (scripted !== undefined) reply = typeof scripted === 'string' ? { text: scripted } : scripted;
    else if (markers.reply !== undefined) reply = { text: markers.reply };
    else if (markers.longWords !== undefined) reply = { text: longReplyText(markers.longWords) };
    else if (recorded.body.text?.format?.type === 'json_schema') reply = { text: JSON.stringify(exampleForSchema(recorded.body.text.format.schema)) };
    else if (recorded.body.text?.format?.type === 'json_object') reply = { text: '{"answer":"example"}' };
    else reply = { text: defaultReplyText(stripMarkers(recorded.userText)) };
    if (markers.refusal && reply.refusal === undefined) reply = { ...reply, refusal: 'I can’t help with that request.' };
    if (markers.reasoning && reply.reasoning === undefined) reply = { ...reply, reasoning: 'Considering the question step by step before answering.' };
    return reply;
  }
}

function usageFor(body: ResponsesRequestBody, reply: FakeReply, previousTotal: number) {
  const own = estimateTokens(`${body.instructions ?? ''}${inputText(body.input)}`);
  const reasoning = estimateTokens(reply.reasoning ?? '');
  const output = estimateTokens(reply.refusal ?? reply.text) + reasoning;
  // A chained request re-reads the whole chain; the cached part is what an earlier turn already processed.
  const input = own + previousTotal;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: previousTotal },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output,
  };
}

function lastUserText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  for (let i = input.length - 1; i >= 0; i--) {
    const item = input[i] as { role?: string; content?: unknown };
    if (item?.role === 'user') return contentText(item.content);
  }
  return '';
}

function inputText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input)) return '';
  return input.map((item) => contentText((item as { content?: unknown })?.content)).join('\n');
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).join('');
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, status: number, error: Record<string, unknown>): void {
  sendJson(res, status, { error });
}
