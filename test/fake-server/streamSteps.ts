import { type DeltaLogprob, tokenLogprob, withBytes } from './logprobs';
import { type UrlCitation, splitIntoDeltas } from './replies';

/**
 * The events of one response, in the order the real API sends them (compare test/fixtures/recorded/):
 *   response.created, response.in_progress,
 *   [reasoning item, with summary parts only when asked], [commentary message],
 *   [web_search_call with its in_progress/searching/completed events], the answer message
 *   (annotation events right after the delta that completes the cited text), [compaction item], then the
 *   terminal event. The compaction item comes last, as in the recorded gpt-4.1 stream.
 * Every item has its own output_index and id; every message announces its content part before its deltas, as the
 * SDK's stream helper requires. The same steps give the non-streaming body: it is the terminal event's response.
 */

export interface OutputPlan {
  response: Record<string, unknown>;
  usage: Record<string, unknown>;
  /** Server-side compaction: sent after the answer. */
  compaction?: Record<string, unknown>;
  /** Present when the model reasons; `summary` holds the parts to stream, empty when no summary was asked for. */
  reasoning?: { summary: string[]; encryptedContent: string };
  commentary?: string;
  /** Sources are listed only when the request includes 'web_search_call.action.sources'. */
  webSearch?: { query: string; sources?: string[] };
  answer: { text: string; refusal?: string; deltas?: string[]; annotations: UrlCitation[] };
  /** Set when the request includes 'message.output_text.logprobs': each delta is one token, `top` alternatives each. */
  logprobs?: { top: number };
  /** Newer gpt-5 names label each message with its phase; older ones send the key not at all. */
  phaseLabels: boolean;
  ending: { kind: 'completed' } | { kind: 'incomplete'; afterDeltas: number; reason: string } | { kind: 'failed'; afterDeltas: number; code: string; message: string };
  /** The request failed before the model produced anything: an `error` event, then response.failed. */
  failedBeforeOutput?: { type: string; code: string; message: string; param: string | null };
}

/** `delta` marks the steps that wait for the slow-stream delay; only 'answer' deltas count towards a stream fault. */
export type Step = { type: string; payload: Record<string, unknown>; delta?: 'answer' | 'other' };

export function buildSteps(plan: OutputPlan): Step[] {
  const steps: Step[] = [];
  const output: Record<string, unknown>[] = [];
  const suffix = String(plan.response.id).slice('resp_'.length);
  const itemId = (prefix: string) => `${prefix}_${suffix}${String(output.length).padStart(2, '0')}`;
  const snapshot = (status: string, extra: Record<string, unknown>) => ({ ...plan.response, status, ...extra });
  const push = (type: string, payload: Record<string, unknown>, delta?: Step['delta']) => steps.push({ type, payload, delta });

  push('response.created', { response: snapshot('in_progress', { output: [], usage: null }) });
  push('response.in_progress', { response: snapshot('in_progress', { output: [], usage: null }) });
  if (plan.failedBeforeOutput) {
    // Nested under `error`, as the API streams it (anomalyco/opencode#6071); the SDK throws on this event.
    const { code, message } = plan.failedBeforeOutput;
    push('error', { error: plan.failedBeforeOutput });
    push('response.failed', { response: snapshot('failed', { output: [], usage: null, error: { code, message } }) });
    return steps;
  }

  const addItem = (item: Record<string, unknown>, between: (index: number) => void = () => undefined, added: Record<string, unknown> = item) => {
    const index = output.length;
    push('response.output_item.added', { output_index: index, item: added });
    between(index);
    push('response.output_item.done', { output_index: index, item });
    output.push(item);
  };

  if (plan.reasoning) {
    const id = itemId('rs');
    const parts = plan.reasoning.summary.map((text) => ({ type: 'summary_text', text }));
    addItem({ id, type: 'reasoning', summary: parts, encrypted_content: plan.reasoning.encryptedContent }, (index) => {
      parts.forEach((part, summaryIndex) => {
        const where = { item_id: id, output_index: index, summary_index: summaryIndex };
        push('response.reasoning_summary_part.added', { ...where, part: { type: 'summary_text', text: '' } });
        for (const delta of splitIntoDeltas(part.text)) push('response.reasoning_summary_text.delta', { ...where, delta }, 'other');
        push('response.reasoning_summary_text.done', { ...where, text: part.text });
        push('response.reasoning_summary_part.done', { ...where, part });
      });
    }, { id, type: 'reasoning', summary: [] });
  }
  if (plan.commentary !== undefined) {
    const id = itemId('msg');
    const deltas = splitIntoDeltas(plan.commentary);
    const message = messageSteps(push, id, output.length, { text: plan.commentary, deltas, annotations: [] }, deltas.length, 'other', plan.logprobs);
    addItem({ ...message.item, status: 'completed', ...phase(plan, 'commentary') }, message.between, messageShell(id, plan, 'commentary'));
  }
  if (plan.webSearch) {
    const id = itemId('ws');
    const { query, sources } = plan.webSearch;
    // The action arrives only with the finished item; recordings carry both the old `query` and `queries`.
    const action = { type: 'search', query, queries: [query], ...(sources && { sources: sources.map((url) => ({ type: 'url', url })) }) };
    addItem({ id, type: 'web_search_call', status: 'completed', action }, (index) => {
      for (const stage of ['in_progress', 'searching', 'completed']) push(`response.web_search_call.${stage}`, { item_id: id, output_index: index });
    }, { id, type: 'web_search_call', status: 'in_progress' });
  }

  const { ending } = plan;
  const id = itemId('msg');
  const index = output.length;
  const allDeltas = plan.answer.deltas ?? splitIntoDeltas(plan.answer.refusal ?? plan.answer.text);
  const budget = ending.kind === 'completed' ? allDeltas.length : Math.min(allDeltas.length, ending.afterDeltas);
  const answer = messageSteps(push, id, index, { ...plan.answer, deltas: allDeltas }, budget, 'answer', plan.logprobs);
  push('response.output_item.added', { output_index: index, item: messageShell(id, plan, 'final_answer') });
  answer.between(index, ending.kind === 'failed');
  if (ending.kind === 'failed') {
    const error = { code: ending.code, message: ending.message };
    push('response.failed', { response: snapshot('failed', { output, usage: null, error }) });
    return steps;
  }
  const item = { ...answer.item, status: ending.kind === 'incomplete' ? 'incomplete' : 'completed', ...phase(plan, 'final_answer') };
  push('response.output_item.done', { output_index: index, item });
  output.push(item);
  if (plan.compaction) addItem(plan.compaction);
  if (ending.kind === 'incomplete') {
    push('response.incomplete', { response: snapshot('incomplete', { output, usage: plan.usage, incomplete_details: { reason: ending.reason } }) });
  } else {
    push('response.completed', { response: snapshot('completed', { output, usage: plan.usage }) });
  }
  return steps;
}

type Push = (type: string, payload: Record<string, unknown>, delta?: Step['delta']) => void;

/** The steps between a message's output_item.added and .done, cut after `cut` deltas, and the message item itself. */
function messageSteps(push: Push, messageId: string, outputIndex: number, content: OutputPlan['answer'] & { deltas: string[] }, cut: number, kind: 'answer' | 'other',
  logprobs?: OutputPlan['logprobs']) {
  const isRefusal = content.refusal !== undefined;
  const deltas = content.deltas.slice(0, cut);
  const sent = deltas.join('');
  const annotations = isRefusal ? [] : content.annotations.filter((a) => a.end_index <= sent.length);
  // Without the include, the API still sends the key, as an empty list.
  const tokens: DeltaLogprob[] = logprobs && !isRefusal ? deltas.map((delta, position) => tokenLogprob(delta, position, logprobs.top)) : [];
  const donePart = isRefusal ? { type: 'refusal', refusal: sent } : { type: 'output_text', text: sent, annotations, logprobs: withBytes(tokens) };
  const between = (itemIndex: number = outputIndex, stopAfterDeltas = false) => {
    const where = { item_id: messageId, output_index: itemIndex, content_index: 0 };
    push('response.content_part.added', { ...where, part: isRefusal ? { type: 'refusal', refusal: '' } : { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    let length = 0;
    let announced = 0;
    for (const [position, delta] of deltas.entries()) {
      const deltaLogprobs = tokens[position] ? [tokens[position]] : [];
      push(isRefusal ? 'response.refusal.delta' : 'response.output_text.delta', isRefusal ? { ...where, delta } : { ...where, delta, logprobs: deltaLogprobs }, kind);
      length += delta.length;
      while (announced < annotations.length && annotations[announced].end_index <= length) {
        push('response.output_text.annotation.added', { ...where, annotation_index: announced, annotation: annotations[announced] });
        announced++;
      }
    }
    if (stopAfterDeltas) return;
    push(isRefusal ? 'response.refusal.done' : 'response.output_text.done', isRefusal ? { ...where, refusal: sent } : { ...where, text: sent, logprobs: tokens });
    push('response.content_part.done', { ...where, part: donePart });
  };
  return { between, item: { id: messageId, type: 'message', role: 'assistant', content: [donePart] } as Record<string, unknown> };
}

function messageShell(id: string, plan: OutputPlan, label: 'commentary' | 'final_answer'): Record<string, unknown> {
  return { id, type: 'message', status: 'in_progress', role: 'assistant', content: [], ...phase(plan, label) };
}

function phase(plan: OutputPlan, label: 'commentary' | 'final_answer'): Record<string, unknown> {
  return plan.phaseLabels ? { phase: label } : {};
}
