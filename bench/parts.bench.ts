import { ResponsesProvider } from '../src/core/provider/responsesProvider';
import type { Logger } from '../src/core/provider/types';
import { applyPartEventToTurn } from '../src/core/turn/partList';
import type { TurnPart } from '../src/core/turn/turnParts';
import { RecordedStreamServer, recordedEvents } from '../test/unit/provider/recordedStreams';

/**
 * Per-event handling time of a recorded multi-part stream (reasoning, web searches, citations, final message)
 * against a plain one-message text stream with as many events and as much text: both served over loopback
 * HTTP, parsed by the SDK, folded by ResponsesProvider and applied by a listener the way the conversation
 * applies them. Runs alternate so drift hits both alike. Target: provider.parts_overhead_ratio <= 1.5.
 */

const RECORDING = 'gpt-5-nano-web-search-url-citations';
const RUNS = 200;
const WARMUP = 50;
const KEY = 'sk-bench-0000000000000000000000';
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

type Event = Record<string, unknown> & { type: string };

/** One message carrying the same characters in enough deltas to match the recording's event count. */
function plainLike(events: Event[]): Event[] {
  const text = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.delta as string).join('')
    + events.filter((e) => e.type === 'response.reasoning_summary_text.delta').map((e) => e.delta as string).join('');
  const fixed = 8;
  const count = Math.max(1, events.length - fixed);
  const size = Math.ceil(text.length / count);
  const where = { output_index: 0, item_id: 'msg_plain', content_index: 0 };
  const deltas = Array.from({ length: count }, (_, i) => ({ type: 'response.output_text.delta', ...where, delta: text.slice(i * size, (i + 1) * size) || ' ' }));
  const whole = deltas.map((d) => d.delta).join('');
  const item = { id: 'msg_plain', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: whole, annotations: [] }] };
  return [
    { type: 'response.created', response: { id: 'resp_plain', output: [] } },
    { type: 'response.in_progress', response: { id: 'resp_plain', output: [] } },
    { type: 'response.output_item.added', output_index: 0, item: { ...item, status: 'in_progress', content: [] } },
    { type: 'response.content_part.added', ...where, part: { type: 'output_text', text: '', annotations: [] } },
    ...deltas,
    { type: 'response.output_text.done', ...where, text: whole },
    { type: 'response.content_part.done', ...where, part: item.content[0] },
    { type: 'response.output_item.done', output_index: 0, item },
    { type: 'response.completed', response: { id: 'resp_plain', status: 'completed', output: [item], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } } },
  ];
}

async function main(): Promise<void> {
  const multi = recordedEvents(RECORDING);
  const plain = plainLike(multi);
  const server = new RecordedStreamServer();
  await server.start();
  server.register('plain', plain);
  const providers = {
    multi: new ResponsesProvider({ apiKey: KEY, baseURL: server.baseURLFor(RECORDING), timeoutMs: 30_000, maxRetries: 0 }, silent),
    plain: new ResponsesProvider({ apiKey: KEY, baseURL: server.baseURLFor('plain'), timeoutMs: 30_000, maxRetries: 0 }, silent),
  };
  const perEvent = async (which: 'multi' | 'plain'): Promise<number> => {
    const turn = { parts: [] as TurnPart[], assistantText: '', reasoningSummary: '' };
    const start = performance.now();
    const result = await providers[which].stream(
      { model: 'gpt-bench', instructions: '', input: 'bench', store: true },
      { onDelta() {}, onPart: (event) => applyPartEventToTurn(turn, event) },
    );
    if (result.status !== 'completed') throw new Error(`${which} ended ${result.status}`);
    return (performance.now() - start) / (which === 'multi' ? multi.length : plain.length);
  };
  for (let i = 0; i < WARMUP; i++) {
    await perEvent('multi');
    await perEvent('plain');
  }
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const multiTimes: number[] = [];
  const plainTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const order: Array<'multi' | 'plain'> = i % 2 === 0 ? ['multi', 'plain'] : ['plain', 'multi'];
    for (const which of order) {
      collect();
      (which === 'multi' ? multiTimes : plainTimes).push(await perEvent(which));
    }
  }
  await server.stop();
  const result = {
    'provider.parts_overhead_ratio': round(median(multiTimes) / median(plainTimes), 3),
    'provider.parts_us_per_event': round(median(multiTimes) * 1000, 2),
    'provider.plain_us_per_event': round(median(plainTimes) * 1000, 2),
    'provider.parts_events': multi.length,
  };
  console.log(`parts: ${result['provider.parts_us_per_event']} µs/event (${multi.length} events of ${RECORDING}) vs plain ${result['provider.plain_us_per_event']} µs/event`);
  console.log(`BENCH ${JSON.stringify(result)}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

void main();
