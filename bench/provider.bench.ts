import OpenAI from 'openai';
import { ChatCompletionsProvider } from '../src/core/provider/chat/chatCompletionsProvider';
import { ResponsesProvider } from '../src/core/provider/responsesProvider';
import type { Logger, ModelProvider } from '../src/core/provider/types';
import { FakeResponsesServer } from '../test/fake-server/fakeResponsesServer';

/**
 * Time to first text delta through each dialect's provider versus the bare SDK call it wraps, same fake server,
 * same request: ResponsesProvider against `responses.create`, ChatCompletionsProvider against
 * `chat.completions.create` (with the same `stream_options`, so both read the same bytes). Runs alternate so drift
 * on a busy machine hits both sides alike. Targets: provider.ttft_ratio and provider.chat_ttft_ratio <= 1.10.
 */

const RUNS = 200;
const WARMUP = 100;
const KEY = 'sk-bench-0000000000000000000000';
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };
const request = { model: 'gpt-bench', instructions: 'Be brief.', input: 'How fast is the first token?', store: true };

type Timed = () => Promise<number>;

/** Milliseconds to the first text delta through a provider; the run must complete to count. */
function viaProvider(provider: ModelProvider): Timed {
  return async () => {
    const start = performance.now();
    let first = Number.NaN;
    const result = await provider.stream(request, { onDelta: () => { if (Number.isNaN(first)) first = performance.now() - start; } });
    if (result.status !== 'completed') throw new Error(`${provider.dialect} provider run ended ${result.status}`);
    return first;
  };
}

async function compare(server: FakeResponsesServer, bare: Timed, wrapped: Timed): Promise<{ bare: number[]; wrapped: number[] }> {
  for (let i = 0; i < WARMUP; i++) {
    await bare();
    await wrapped();
  }
  const times = { bare: [] as number[], wrapped: [] as number[] };
  // A collection before every measured request keeps GC pauses (and whose garbage caused them) out of the comparison.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  for (let i = 0; i < RUNS; i++) {
    const order: Array<[Timed, number[]]> = i % 2 === 0 ? [[bare, times.bare], [wrapped, times.wrapped]] : [[wrapped, times.wrapped], [bare, times.bare]];
    for (const [run, into] of order) {
      // The fake keeps a log of every request; emptied so neither side pays for the other's history.
      server.clearRequests();
      collect();
      into.push(await run());
    }
  }
  return times;
}

function figures(prefix: string, times: { bare: number[]; wrapped: number[] }): Record<string, number> {
  const bareMedian = median(times.bare);
  const wrappedMedian = median(times.wrapped);
  return {
    [`${prefix}ttft_ratio`]: round(wrappedMedian / bareMedian, 3),
    [`${prefix}ttft_ms_median`]: round(wrappedMedian, 2),
    [`${prefix}ttft_bare_sdk_ms_median`]: round(bareMedian, 2),
    [`${prefix}ttft_pair_ratio_median`]: round(median(times.wrapped.map((t, i) => t / times.bare[i])), 3),
    [`${prefix}ttft_runs`]: RUNS,
  };
}

async function main(): Promise<void> {
  // One fake server per dialect, so the Chat Completions runs do not inherit the responses the first runs stored.
  const responses = await measureResponses();
  const chat = await measureChat();
  const result = { ...figures('provider.', responses), ...figures('provider.chat_', chat) };
  console.log(`Responses: provider TTFT median ${result['provider.ttft_ms_median']} ms vs bare SDK ${result['provider.ttft_bare_sdk_ms_median']} ms over ${RUNS} runs each`);
  console.log(`Chat Completions: provider TTFT median ${result['provider.chat_ttft_ms_median']} ms vs bare SDK ${result['provider.chat_ttft_bare_sdk_ms_median']} ms over ${RUNS} runs each`);
  console.log(`BENCH ${JSON.stringify(result)}`);
}

async function measureResponses(): Promise<{ bare: number[]; wrapped: number[] }> {
  const server = new FakeResponsesServer();
  const baseURL = await server.start();
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0, timeout: 30_000 });

  const bareResponses: Timed = async () => {
    const start = performance.now();
    let first = Number.NaN;
    for await (const event of await client.responses.create({ ...request, stream: true })) {
      if (event.type === 'response.output_text.delta' && Number.isNaN(first)) first = performance.now() - start;
    }
    return first;
  };
  const times = await compare(server, bareResponses, viaProvider(new ResponsesProvider({ apiKey: KEY, baseURL, timeoutMs: 30_000, maxRetries: 0 }, silent)));
  await server.stop();
  return times;
}

async function measureChat(): Promise<{ bare: number[]; wrapped: number[] }> {
  const server = new FakeResponsesServer();
  const baseURL = await server.start();
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0, timeout: 30_000 });
  const bareChat: Timed = async () => {
    const start = performance.now();
    let first = Number.NaN;
    const messages = [{ role: 'system' as const, content: request.instructions }, { role: 'user' as const, content: request.input }];
    for await (const chunk of await client.chat.completions.create({ model: request.model, messages, stream: true, stream_options: { include_usage: true } })) {
      if (chunk.choices[0]?.delta.content && Number.isNaN(first)) first = performance.now() - start;
    }
    return first;
  };
  const times = await compare(server, bareChat, viaProvider(new ChatCompletionsProvider({ apiKey: KEY, baseURL, timeoutMs: 30_000, maxRetries: 0 }, silent)));
  await server.stop();
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
