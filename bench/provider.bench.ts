import OpenAI from 'openai';
import { ResponsesProvider } from '../src/core/provider/responsesProvider';
import type { Logger } from '../src/core/provider/types';
import { FakeResponsesServer } from '../test/fake-server/fakeResponsesServer';

/**
 * Time to first text delta through ResponsesProvider versus the bare SDK, same fake server, same request.
 * Runs alternate so drift on a busy machine hits both sides alike. Target: provider.ttft_ratio <= 1.10.
 */

const RUNS = 200;
const WARMUP = 100;
const KEY = 'sk-bench-0000000000000000000000';
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

async function main(): Promise<void> {
  const server = new FakeResponsesServer();
  const baseURL = await server.start();
  const request = { model: 'gpt-bench', instructions: 'Be brief.', input: 'How fast is the first token?', store: true };
  const client = new OpenAI({ apiKey: KEY, baseURL, maxRetries: 0, timeout: 30_000 });
  const provider = new ResponsesProvider({ apiKey: KEY, baseURL, timeoutMs: 30_000, maxRetries: 0 }, silent);

  async function bare(): Promise<number> {
    const start = performance.now();
    let first = Number.NaN;
    const stream = await client.responses.create({ ...request, stream: true });
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta' && Number.isNaN(first)) first = performance.now() - start;
    }
    return first;
  }

  async function viaProvider(): Promise<number> {
    const start = performance.now();
    let first = Number.NaN;
    const result = await provider.stream(request, { onDelta: () => { if (Number.isNaN(first)) first = performance.now() - start; } });
    if (result.status !== 'completed') throw new Error(`provider run ended ${result.status}`);
    return first;
  }

  for (let i = 0; i < WARMUP; i++) {
    await bare();
    await viaProvider();
  }
  const bareTimes: number[] = [];
  const providerTimes: number[] = [];
  // A collection before every measured request keeps GC pauses (and whose garbage caused them) out of the comparison.
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  for (let i = 0; i < RUNS; i++) {
    if (i % 2 === 0) {
      collect();
      bareTimes.push(await bare());
      collect();
      providerTimes.push(await viaProvider());
    } else {
      collect();
      providerTimes.push(await viaProvider());
      collect();
      bareTimes.push(await bare());
    }
  }
  const pairRatios = providerTimes.map((t, i) => t / bareTimes[i]);
  await server.stop();
  const bareMedian = median(bareTimes);
  const providerMedian = median(providerTimes);
  const result = {
    'provider.ttft_ratio': round(providerMedian / bareMedian, 3),
    'provider.ttft_ms_median': round(providerMedian, 2),
    'provider.ttft_bare_sdk_ms_median': round(bareMedian, 2),
    'provider.ttft_pair_ratio_median': round(median(pairRatios), 3),
    'provider.ttft_runs': RUNS,
  };
  console.log(`provider TTFT median ${result['provider.ttft_ms_median']} ms vs bare SDK ${result['provider.ttft_bare_sdk_ms_median']} ms over ${RUNS} runs each`);
  console.log(`BENCH ${JSON.stringify(result)}`);
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
