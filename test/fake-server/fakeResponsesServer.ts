import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type StoredResponse, compactedResponse, compactedTokens, inputTokens, lastUserText, userTexts } from './chain';
import { type ChatHost, respondToChat, structuredReplyText } from './chatCompletions';
import { type ResponsesRoute, answerMissingResponses, azureKeyRejection, modelList } from './endpointShape';
import { type Fault, type Markers, parseMarkers, stripMarkers } from './faults';
import { flatHeaders, readBody, sendJson, sendRejection } from './http';
import { rulesFor } from './modelRules';
import {
  type Rejection, contextLengthExceeded, httpFaultRejection, missingParameter, notFound,
  imageRejection, parameterRejection, previousResponseNotFound, responseNotFound, unparsableJson,
} from './rejections';
import { type FakeReply, defaultCitations, defaultReplyText, estimateTokens, longReplyText, reasoningParts } from './replies';
import { compactionThreshold, outputPlan } from './responsePlan';
import { streamFaultCut, writeResponseStream } from './responseStream';
import type { RecordedRequest, ReplyFunction, ResponsesRequestBody } from './requestTypes';
import { buildSteps } from './streamSteps';
import { readRecording, replayRecording } from './recordedReplay';

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
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return this.baseURL;
  }

  get baseURL(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('FakeResponsesServer is not started');
    return `${this.scheme}://127.0.0.1:${address.port}/v1`;
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
    if (req.method === 'GET' && path === '/v1/models') return this.answer(recorded, res, modelList(this.models));

    if (req.method === 'POST' && path === '/v1/responses') return this.respond(recorded, res);
    if (req.method === 'POST' && path === '/v1/responses/compact') return this.compact(recorded, res);
    if (req.method === 'POST' && path === '/v1/responses/input_tokens') {
      const previous = body.previous_response_id ? this.responses.get(body.previous_response_id) : undefined;
      return this.answer(recorded, res, { object: 'response.input_tokens', input_tokens: this.renderedTokens(body, previous) });
    }
    const stored = /^\/v1\/responses\/([^/]+)$/.exec(path);
    if (stored && req.method === 'GET' && this.responses.has(stored[1])) return this.answer(recorded, res, this.responses.get(stored[1])?.body);
    if (stored && req.method === 'DELETE' && this.responses.delete(stored[1])) return this.answer(recorded, res, { id: stored[1], object: 'response', deleted: true });
    if (stored && (req.method === 'GET' || req.method === 'DELETE') && stored[1].startsWith('resp_')) return this.reject(recorded, res, responseNotFound(stored[1]));
    this.reject(recorded, res, notFound(recorded.method, path));
  }

  private async respond(recorded: RecordedRequest, res: ServerResponse): Promise<void> {
    const { body } = recorded;
    const markers = parseMarkers(recorded.userText);
    // A persona's instructions may carry a fault or a pace too: one persona of a fan-out, sent the same message
    // as the others, can then fail or lag alone.
    const persona = parseMarkers(body.instructions ?? '');
    markers.fault ??= persona.fault;
    markers.slowMs ??= persona.slowMs;
    const fault = this.queuedFaults.shift() ?? markers.fault;
    recorded.fault = fault?.kind;
    const model = body.model ?? 'unknown-model';
    const httpFault = fault && httpFaultRejection(fault, model, recorded.headers.authorization ?? '');
    if (httpFault) return this.reject(recorded, res, httpFault);
    if (fault?.kind === 'stall') return; // Accept and never answer: the client's timeout must fire.

    const rules = rulesFor(model);
    const refused = parameterRejection(body, rules, { organizationVerified: this.organizationVerified }) ?? imageRejection(body.input, rules);
    if (refused) return this.reject(recorded, res, refused);
    const previousId = body.previous_response_id;
    const previous = previousId ? this.responses.get(previousId) : undefined;
    if (previousId && !previous) return this.reject(recorded, res, previousResponseNotFound(previousId));

    // The server compacts before it generates, so a compacted chain may fit a window the full one would pass.
    const rendered = this.renderedTokens(body, previous);
    const window = this.contextWindows.get(model);
    const threshold = compactionThreshold(body, window);
    const compacted = threshold !== undefined && rendered > threshold ? compactedTokens(rendered) : undefined;
    const overflow = window !== undefined && (compacted ?? rendered) > window;
    if (overflow && !(this.contextOverflowInStream && body.stream === true)) return this.reject(recorded, res, contextLengthExceeded());

    const reply = this.makeReply(recorded, markers);
    const id = `resp_${this.instanceTag}${String(this.counter).padStart(6, '0')}${randomBytes(4).toString('hex')}`;
    recorded.responseId = id;
    if (markers.replay !== undefined && body.stream === true) {
      recorded.status = 200;
      const final = await replayRecording(res, readRecording(markers.replay), id, markers.slowMs ?? this.deltaDelayMs);
      recorded.outcome = final.status === 'completed' ? 'completed' : 'faulted';
      if (body.store !== false) this.responses.set(id, { id, body: final, chainTokens: rendered, userTexts: [...(previous?.userTexts ?? []), ...userTexts(body.input)] });
      return;
    }
    const plan = outputPlan({ id, body, rules, reply, rendered, cachedTokens: previous?.chainTokens ?? 0, compacted });
    if (overflow) plan.failedBeforeOutput = { ...contextLengthExceeded().error, code: 'context_length_exceeded' };
    const visibleOutput = estimateTokens(plan.commentary ?? '') + estimateTokens(plan.answer.refusal ?? plan.answer.text);
    const remember = (final: Record<string, unknown>) => {
      if (body.store === false) return;
      const chainTokens = (compacted ?? rendered - estimateTokens(body.instructions ?? '')) + visibleOutput;
      this.responses.set(id, { id, body: final, chainTokens, userTexts: [...(previous?.userTexts ?? []), ...userTexts(body.input)] });
    };

    if (body.stream !== true) {
      // Stream faults only shape streams; a plain request gets the whole answer.
      const final = terminalResponse(buildSteps(plan));
      remember(final);
      return this.answer(recorded, res, final);
    }
    const cut = fault ? streamFaultCut(fault) : undefined;
    if (fault?.kind === 'failed') {
      plan.ending = { kind: 'failed', afterDeltas: cut ?? 0, code: fault.code ?? 'server_error', message: fault.message ?? 'The model crashed while generating the answer.' };
    } else if (fault?.kind === 'incomplete') {
      plan.ending = { kind: 'incomplete', afterDeltas: cut ?? 0, reason: fault.reason ?? 'max_output_tokens' };
    }
    const steps = buildSteps(plan);
    recorded.status = 200;
    recorded.outcome = await writeResponseStream(res, { steps, delayMs: markers.slowMs ?? this.deltaDelayMs, fault });
    if (recorded.outcome === 'completed' || recorded.outcome === 'incomplete') remember(terminalResponse(steps));
  }

  /** POST /v1/responses/compact: the chain (by previous_response_id) and the input, compacted into one item. */
  private compact(recorded: RecordedRequest, res: ServerResponse): void {
    const { body } = recorded;
    if (!body.model) return this.reject(recorded, res, missingParameter('model'));
    const previousId = body.previous_response_id;
    const previous = previousId ? this.responses.get(previousId) : undefined;
    if (previousId && !previous) return this.reject(recorded, res, previousResponseNotFound(previousId));
    const texts = [...(previous?.userTexts ?? []), ...userTexts(body.input)];
    this.answer(recorded, res, compactedResponse(texts, this.renderedTokens(body, previous), this.instanceTag));
  }

  /** What the model would read: instructions, this input, and everything the chain carries. */
  private renderedTokens(body: ResponsesRequestBody, previous: StoredResponse | undefined): number {
    return estimateTokens(body.instructions ?? '') + inputTokens(body.input) + (previous?.chainTokens ?? 0);
  }

  private answer(recorded: RecordedRequest, res: ServerResponse, payload: unknown): void {
    recorded.status = 200;
    sendJson(res, 200, payload);
  }

  private reject(recorded: RecordedRequest, res: ServerResponse, rejection: Rejection): void {
    recorded.status = rejection.status;
    recorded.error = rejection.error;
    sendRejection(res, rejection);
  }

  /** The Chat Completions route's view of this server: the same faults, replies and windows. */
  private readonly chatHost: ChatHost = ((self: FakeResponsesServer): ChatHost => ({
    nextFault: () => self.queuedFaults.shift(),
    makeReply: (recorded, format) => self.makeReply(recorded as RecordedRequest, parseMarkers(recorded.userText), format),
    get deltaDelayMs() { return self.deltaDelayMs; },
    get contextWindows() { return self.contextWindows; },
    get chatReasoningField() { return self.chatReasoningField; },
    get legacyTokenLimit() { return self.legacyTokenLimit; },
    instanceTag: self.instanceTag,
    reject: (recorded, res, rejection) => self.reject(recorded as RecordedRequest, res, rejection),
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

function terminalResponse(steps: ReturnType<typeof buildSteps>): Record<string, unknown> {
  return (steps.at(-1)?.payload.response ?? {}) as Record<string, unknown>;
}
