import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type StoredResponse, lastUserText } from './chain';
import { type ChatHost, respondToChat, structuredReplyText } from './chatCompletions';
import { type ResponsesRoute, answerMissingResponses, azureKeyRejection, modelList } from './endpointShape';
import { type Fault, type Markers, parseMarkers, stripMarkers } from './faults';
import { answer, closeNow, flatHeaders, listenOnLoopback, listeningPort, readBody, reject, sendRejection } from './http';
import { notFound, responseNotFound, unparsableJson } from './rejections';
import { type FakeReply, defaultCitations, defaultReplyText, longReplyText, reasoningParts } from './replies';
import type { RecordedRequest, ReplyFunction, ResponsesRequestBody } from './requestTypes';
import { type ResponsesHost, renderedTokens, respondToCompact, respondToResponses } from './responsesApi';

export { FAULT_KINDS, type Fault, type FaultKind } from './faults';
export type { FakeReply } from './replies';
export { MODEL_RULES, type ModelRules, rulesFor } from './modelRules';
export type { StreamOutcome } from './responseStream';
export type { RecordedRequest, ReplyFunction, ResponsesRequestBody } from './requestTypes';
export { RESPONSES_ROUTES, type ResponsesRoute } from './endpointShape';

/**
 * A loopback OpenAI Responses server for tests, built on node builtins only so it also runs inside the
 * VS Code extension host and the UI test runner. It streams the real SSE format, keeps the responses it made
 * so previous_response_id chains work (and can forget them), records every request, and injects faults
 * per request: queued with `queueFault`, or by markers in the user's text (see faults.ts for the list).
 *
 * It is as strict as the real API for known model names (modelRules.ts): parameters a model rejects get the real
 * 400 body (rejections.ts), reasoning summaries arrive only when asked for, gpt-5-class names answer in phases,
 * and per-model context windows and compaction behave as the API documents them. Unknown names are accepted as a
 * local server would accept them, so tests that do not care about a model keep working.
 */

export class FakeResponsesServer {
  readonly requests: RecordedRequest[] = [];
  /** Milliseconds to wait before each delta, for every request (a [[slow:MS]] marker overrides it). */
  deltaDelayMs = 0;
  /** How answers are made; by default deterministic text derived from the user's message. */
  reply: ReplyFunction | undefined;
  /** Context windows in tokens by exact model name, counted with the fake's estimate (chain.ts). */
  readonly contextWindows = new Map<string, number>();
  /** False plays an organisation that has not been verified: a request with reasoning.summary gets the real 400. */
  organizationVerified = true;
  /**
   * True reports a streaming request's context overflow inside the stream (HTTP 200, an `error` event, then
   * response.failed), as the API has been seen to (anomalyco/opencode#6071), instead of the HTTP 400 it gives a plain request.
   */
  contextOverflowInStream = false;
  /** Plays a server without the Responses API (endpointShape.ts), for the dialect auto-detect. */
  responsesRoute: ResponsesRoute = 'present';
  /** Set to play Azure: every request needs this key in an `api-key` header, or gets Azure's 401. */
  requiredApiKeyHeader: string | undefined;
  /** Chat Completions: stream reasoning text under this field, as DeepSeek, vLLM or Ollama do. */
  chatReasoningField: 'reasoning_content' | 'reasoning' | undefined;
  /** Chat Completions: play a server from before `max_completion_tokens`, which refuses it. */
  legacyTokenLimit = false;
  /** What GET /v1/models lists. */
  models: string[] = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-5', 'gpt-5-mini', 'o4-mini'];
  private readonly responses = new Map<string, StoredResponse>();
  private readonly queuedFaults: Fault[] = [];
  private server: Server | undefined;
  private scheme: 'http' | 'https' = 'http';
  private counter = 0;
  private readonly instanceTag = randomBytes(3).toString('hex');

  /** With `tls` it serves https (the proxy and CA tests), otherwise plain http. */
  async start(port = 0, tls?: { key: string; cert: string }): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    const server = tls ? createHttpsServer(tls, handler) : createServer(handler);
    this.scheme = tls ? 'https' : 'http';
    this.server = server;
    await listenOnLoopback(server, port);
    return this.baseURL;
  }

  get baseURL(): string {
    return `${this.scheme}://127.0.0.1:${listeningPort(this.server, 'FakeResponsesServer')}/v1`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await closeNow(server);
  }

  /** The next request (FIFO per call) gets this fault instead of a normal answer. */
  queueFault(fault: Fault | Fault['kind']): void {
    this.queuedFaults.push(typeof fault === 'string' ? { kind: fault } : fault);
  }

  /** Back to the behaviour of a fresh server, keeping stored responses and the request log: for suites that share one. */
  restoreDefaults(): void {
    this.deltaDelayMs = 0;
    this.reply = undefined;
    this.contextWindows.clear();
    this.organizationVerified = true;
    this.contextOverflowInStream = false;
    this.responsesRoute = 'present';
    this.requiredApiKeyHeader = undefined;
    this.chatReasoningField = undefined;
    this.legacyTokenLimit = false;
    this.queuedFaults.length = 0;
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

  /** Requests to DELETE /v1/responses/{id}, in arrival order. */
  get deleteRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/responses/'));
  }

  /** Requests to POST /v1/responses/compact, in arrival order. */
  get compactRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/responses/compact');
  }

  /** Requests to POST /v1/chat/completions only, in arrival order. */
  get chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions');
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
      return sendRejection(res, unparsableJson());
    }
    const path = (req.url ?? '/').split('?')[0];
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: flatHeaders(req), body, requestId, userText: lastUserText(body.input ?? body.messages) };
    this.requests.push(recorded);

    if (this.requiredApiKeyHeader !== undefined && recorded.headers['api-key'] !== this.requiredApiKeyHeader) {
      recorded.status = 401;
      return azureKeyRejection(res);
    }
    if (answerMissingResponses(this.responsesRoute, recorded.method, path, res)) {
      recorded.status = res.statusCode;
      return;
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') return respondToChat(this.chatHost, recorded, res);
    if (req.method === 'GET' && path === '/v1/models') return answer(recorded, res, modelList(this.models));

    if (req.method === 'POST' && path === '/v1/responses') return respondToResponses(this.responsesHost, recorded, res);
    if (req.method === 'POST' && path === '/v1/responses/compact') return respondToCompact(this.responsesHost, recorded, res);
    if (req.method === 'POST' && path === '/v1/responses/input_tokens') {
      const previous = body.previous_response_id ? this.responses.get(body.previous_response_id) : undefined;
      return answer(recorded, res, { object: 'response.input_tokens', input_tokens: renderedTokens(body, previous) });
    }
    const stored = /^\/v1\/responses\/([^/]+)$/.exec(path);
    if (stored && req.method === 'GET' && this.responses.has(stored[1])) return answer(recorded, res, this.responses.get(stored[1])?.body);
    if (stored && req.method === 'DELETE' && this.responses.delete(stored[1])) return answer(recorded, res, { id: stored[1], object: 'response', deleted: true });
    if (stored && (req.method === 'GET' || req.method === 'DELETE') && stored[1].startsWith('resp_')) return reject(recorded, res, responseNotFound(stored[1]));
    reject(recorded, res, notFound(recorded.method, path));
  }

  /** The Responses routes' view of this server: its faults, replies, windows and stored responses. */
  private readonly responsesHost: ResponsesHost = ((self: FakeResponsesServer): ResponsesHost => ({
    nextFault: () => self.queuedFaults.shift(),
    makeReply: (recorded, markers) => self.makeReply(recorded, markers),
    get deltaDelayMs() { return self.deltaDelayMs; },
    get contextWindows() { return self.contextWindows; },
    get organizationVerified() { return self.organizationVerified; },
    get contextOverflowInStream() { return self.contextOverflowInStream; },
    responses: self.responses,
    newResponseId: () => `resp_${self.instanceTag}${String(self.counter).padStart(6, '0')}${randomBytes(4).toString('hex')}`,
    instanceTag: self.instanceTag,
  }))(this);

  /** The Chat Completions route's view of this server: the same faults, replies and windows. */
  private readonly chatHost: ChatHost = ((self: FakeResponsesServer): ChatHost => ({
    nextFault: () => self.queuedFaults.shift(),
    makeReply: (recorded, format) => self.makeReply(recorded as RecordedRequest, parseMarkers(recorded.userText), format),
    get deltaDelayMs() { return self.deltaDelayMs; },
    get contextWindows() { return self.contextWindows; },
    get chatReasoningField() { return self.chatReasoningField; },
    get legacyTokenLimit() { return self.legacyTokenLimit; },
    instanceTag: self.instanceTag,
    reject,
  }))(this);

  private makeReply(recorded: RecordedRequest, markers: Markers, format: { type: string; schema?: unknown } | undefined = recorded.body.text?.format): FakeReply {
    const scripted = this.reply?.(recorded);
    const structured = structuredReplyText(format);
    let reply: FakeReply;
    if (scripted !== undefined) reply = typeof scripted === 'string' ? { text: scripted } : scripted;
    else if (markers.reply !== undefined) reply = { text: markers.reply };
    else if (markers.longWords !== undefined) reply = { text: longReplyText(markers.longWords) };
    else if (structured !== undefined) reply = { text: structured };
    else reply = { text: defaultReplyText(stripMarkers(recorded.userText)) };
    if (markers.refusal && reply.refusal === undefined) reply = { ...reply, refusal: 'I can’t help with that request.' };
    if (markers.reasoningParts !== undefined && reply.reasoning === undefined) reply = { ...reply, reasoning: reasoningParts(markers.reasoningParts) };
    if (markers.webSearchQuery !== undefined && reply.webSearch === undefined) reply = { ...reply, webSearch: { query: markers.webSearchQuery } };
    if (markers.citations !== undefined && reply.citations === undefined) reply = { ...reply, citations: defaultCitations(markers.citations) };
    return reply;
  }
}
