import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationService, type TurnRequest } from '../src/core/conversation/conversationService';
import type { Persona } from '../src/core/personas';
import { ResponsesProvider } from '../src/core/provider/responsesProvider';
import type { Logger } from '../src/core/provider/types';
import { openConversationLibrary } from '../src/core/store/conversationLibrary';
import { FakeResponsesServer } from '../test/fake-server/fakeResponsesServer';

/**
 * chat.fanout_first_token_ratio: three personas asked at once — the time until the LAST of them shows its first
 * token (the service's first part delta for that answer, what the panel renders) — divided by one single turn's
 * time to first token. Same fake server, same conversation service, store and provider as the extension.
 * Target ≤ 1.2; answered one after another it would be about 3.
 *
 * The fake server waits SERVER_TTFT_MS before each delta, standing in for the model's own time to first token
 * (tens to hundreds of ms on the real API); the unpaced figure (no wait, so only client and loopback overhead on
 * this machine) is reported beside it.
 */

const RUNS = 30;
const WARMUP = 5;
const SERVER_TTFT_MS = 40;
const KEY = 'sk-bench-0000000000000000000000';
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };
const PERSONAS: Persona[] = ['reviewer', 'teacher', 'poet'].map((id) => ({ id, label: id, instructions: `You are the ${id}.` }));

async function main(): Promise<void> {
  const server = new FakeResponsesServer();
  const baseURL = await server.start();
  const root = await mkdtemp(join(tmpdir(), 'threadline-bench-fanout-'));
  const library = await openConversationLibrary({ root, workspace: { folderUris: ['file:///bench-workspace'] }, logger: silent });
  const provider = new ResponsesProvider({ apiKey: KEY, baseURL, timeoutMs: 30_000, maxRetries: 0 }, silent);
  const service = await ConversationService.open({ library, providerFactory: async () => provider, storeResponses: () => true, logger: silent });
  const request = (persona: Persona): TurnRequest => ({ origin: 'chat', userText: 'How fast is the first token?', persona, model: 'gpt-bench' });

  /** Milliseconds from the send until every answer of it has shown a first delta. */
  async function timeToLastFirstToken(send: () => Promise<unknown>, answers: number): Promise<number> {
    await service.newConversation();
    const seen = new Set<string>();
    let last = Number.NaN;
    const start = performance.now();
    const listening = service.onEvent({
      part: (id, event) => {
        if (event.type !== 'delta' || seen.has(id)) return;
        seen.add(id);
        if (seen.size === answers) last = performance.now() - start;
      },
    });
    await send();
    listening.dispose();
    if (Number.isNaN(last)) throw new Error(`only ${seen.size} of ${answers} answers streamed`);
    return last;
  }
  const single = () => timeToLastFirstToken(() => service.send(request(PERSONAS[0])), 1);
  const fanOut = () => timeToLastFirstToken(() => service.fanOut(PERSONAS.map(request)), PERSONAS.length);

  async function measure(delayMs: number): Promise<{ ratio: number; single: number; fanOut: number }> {
    server.deltaDelayMs = delayMs;
    for (let i = 0; i < WARMUP; i++) {
      await single();
      await fanOut();
    }
    const singles: number[] = [];
    const fanOuts: number[] = [];
    // Alternated, so drift on a busy machine hits both sides alike.
    for (let i = 0; i < RUNS; i++) {
      if (i % 2 === 0) {
        singles.push(await single());
        fanOuts.push(await fanOut());
      } else {
        fanOuts.push(await fanOut());
        singles.push(await single());
      }
    }
    return { ratio: median(fanOuts) / median(singles), single: median(singles), fanOut: median(fanOuts) };
  }

  const paced = await measure(SERVER_TTFT_MS);
  const unpaced = await measure(0);
  await service.dispose();
  await library.dispose();
  await server.stop();
  await rm(root, { recursive: true, force: true });
  const result = {
    'chat.fanout_first_token_ratio': round(paced.ratio, 3),
    'chat.fanout_first_token_ms_median': round(paced.fanOut, 2),
    'chat.fanout_single_first_token_ms_median': round(paced.single, 2),
    'chat.fanout_first_token_ratio_unpaced': round(unpaced.ratio, 3),
    'chat.fanout_first_token_ms_median_unpaced': round(unpaced.fanOut, 2),
    'chat.fanout_single_first_token_ms_median_unpaced': round(unpaced.single, 2),
    'chat.fanout_runs': RUNS,
  };
  console.log(`fan-out of 3: last first token ${result['chat.fanout_first_token_ms_median']} ms vs single ${result['chat.fanout_single_first_token_ms_median']} ms (server waits ${SERVER_TTFT_MS} ms)`);
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
