import type { ServerResponse } from 'node:http';
import { type StoredResponse, compactedResponse, compactedTokens, inputTokens, userTexts } from './chain';
import { type Fault, type Markers, parseMarkers } from './faults';
import { answer, reject } from './http';
import { rulesFor } from './modelRules';
import { contextLengthExceeded, httpFaultRejection, imageRejection, missingParameter, parameterRejection, previousResponseNotFound } from './rejections';
import { type FakeReply, estimateTokens } from './replies';
import { compactionThreshold, outputPlan } from './responsePlan';
import { streamFaultCut, writeResponseStream } from './responseStream';
import type { RecordedRequest, ResponsesRequestBody } from './requestTypes';
import { buildSteps } from './streamSteps';
import { readRecording, replayRecording } from './recordedReplay';

/**
 * POST /v1/responses and /v1/responses/compact on the fake server: the model's rules and context windows checked,
 * the answer planned and streamed (or sent whole, or replayed from a recording), and the response kept so a later
 * request can chain from it with previous_response_id.
 */

/** What the routes need from the server that hosts them. */
export interface ResponsesHost {
  nextFault(): Fault | undefined;
  /** The reply for this request, from the markers of its text and its persona's instructions. */
  makeReply(recorded: RecordedRequest, markers: Markers): FakeReply;
  readonly deltaDelayMs: number;
  readonly contextWindows: ReadonlyMap<string, number>;
  readonly organizationVerified: boolean;
  readonly contextOverflowInStream: boolean;
  /** The responses a request may chain from, by id. */
  readonly responses: Map<string, StoredResponse>;
  /** A new response id, unique to this server and this request. */
  newResponseId(): string;
  readonly instanceTag: string;
}

export async function respondToResponses(host: ResponsesHost, recorded: RecordedRequest, res: ServerResponse): Promise<void> {
  const { body } = recorded;
  const markers = parseMarkers(recorded.userText);
  // A persona's instructions may carry a fault or a pace too: one persona of a fan-out, sent the same message
  // as the others, can then fail or lag alone.
  const persona = parseMarkers(body.instructions ?? '');
  markers.fault ??= persona.fault;
  markers.slowMs ??= persona.slowMs;
  const fault = host.nextFault() ?? markers.fault;
  recorded.fault = fault?.kind;
  const model = body.model ?? 'unknown-model';
  const httpFault = fault && httpFaultRejection(fault, model, recorded.headers.authorization ?? '');
  if (httpFault) return reject(recorded, res, httpFault);
  if (fault?.kind === 'stall') return; // Accept and never answer: the client's timeout must fire.

  const rules = rulesFor(model);
  const refused = parameterRejection(body, rules, { organizationVerified: host.organizationVerified }) ?? imageRejection(body.input, rules);
  if (refused) return reject(recorded, res, refused);
  const previousId = body.previous_response_id;
  const previous = previousId ? host.responses.get(previousId) : undefined;
  if (previousId && !previous) return reject(recorded, res, previousResponseNotFound(previousId));

  // The server compacts before it generates, so a compacted chain may fit a window the full one would pass.
  const rendered = renderedTokens(body, previous);
  const window = host.contextWindows.get(model);
  const threshold = compactionThreshold(body, window);
  const compacted = threshold !== undefined && rendered > threshold ? compactedTokens(rendered) : undefined;
  const overflow = window !== undefined && (compacted ?? rendered) > window;
  if (overflow && !(host.contextOverflowInStream && body.stream === true)) return reject(recorded, res, contextLengthExceeded());

  const reply = host.makeReply(recorded, markers);
  const id = host.newResponseId();
  recorded.responseId = id;
  if (markers.replay !== undefined && body.stream === true) {
    recorded.status = 200;
    const final = await replayRecording(res, readRecording(markers.replay), id, markers.slowMs ?? host.deltaDelayMs);
    recorded.outcome = final.status === 'completed' ? 'completed' : 'faulted';
    if (body.store !== false) host.responses.set(id, { id, body: final, chainTokens: rendered, userTexts: [...(previous?.userTexts ?? []), ...userTexts(body.input)] });
    return;
  }
  const plan = outputPlan({ id, body, rules, reply, rendered, cachedTokens: previous?.chainTokens ?? 0, compacted });
  if (overflow) plan.failedBeforeOutput = { ...contextLengthExceeded().error, code: 'context_length_exceeded' };
  const visibleOutput = estimateTokens(plan.commentary ?? '') + estimateTokens(plan.answer.refusal ?? plan.answer.text);
  const remember = (final: Record<string, unknown>) => {
    if (body.store === false) return;
    const chainTokens = (compacted ?? rendered - estimateTokens(body.instructions ?? '')) + visibleOutput;
    host.responses.set(id, { id, body: final, chainTokens, userTexts: [...(previous?.userTexts ?? []), ...userTexts(body.input)] });
  };

  if (body.stream !== true) {
    // Stream faults only shape streams; a plain request gets the whole answer.
    const final = terminalResponse(buildSteps(plan));
    remember(final);
    return answer(recorded, res, final);
  }
  const cut = fault ? streamFaultCut(fault) : undefined;
  if (fault?.kind === 'failed') {
    plan.ending = { kind: 'failed', afterDeltas: cut ?? 0, code: fault.code ?? 'server_error', message: fault.message ?? 'The model crashed while generating the answer.' };
  } else if (fault?.kind === 'incomplete') {
    plan.ending = { kind: 'incomplete', afterDeltas: cut ?? 0, reason: fault.reason ?? 'max_output_tokens' };
  }
  const steps = buildSteps(plan);
  recorded.status = 200;
  recorded.outcome = await writeResponseStream(res, { steps, delayMs: markers.slowMs ?? host.deltaDelayMs, fault });
  if (recorded.outcome === 'completed' || recorded.outcome === 'incomplete') remember(terminalResponse(steps));
}

/** POST /v1/responses/compact: the chain (by previous_response_id) and the input, compacted into one item. */
export function respondToCompact(host: ResponsesHost, recorded: RecordedRequest, res: ServerResponse): void {
  const { body } = recorded;
  if (!body.model) return reject(recorded, res, missingParameter('model'));
  const previousId = body.previous_response_id;
  const previous = previousId ? host.responses.get(previousId) : undefined;
  if (previousId && !previous) return reject(recorded, res, previousResponseNotFound(previousId));
  const texts = [...(previous?.userTexts ?? []), ...userTexts(body.input)];
  answer(recorded, res, compactedResponse(texts, renderedTokens(body, previous), host.instanceTag));
}

/** What the model would read: instructions, this input, and everything the chain carries. */
export function renderedTokens(body: ResponsesRequestBody, previous: StoredResponse | undefined): number {
  return estimateTokens(body.instructions ?? '') + inputTokens(body.input) + (previous?.chainTokens ?? 0);
}

function terminalResponse(steps: ReturnType<typeof buildSteps>): Record<string, unknown> {
  return (steps.at(-1)?.payload.response ?? {}) as Record<string, unknown>;
}
