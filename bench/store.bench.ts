import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationStore, LOG_FILE } from '../src/core/conversation/conversationStore';
import type { Turn } from '../src/core/conversation/turn';
import type { Logger } from '../src/core/provider/types';

/** The conversation store at 1,000 turns: opening (parse + validate), one durable append, and the per-delta cost. */

const TURNS = 1000;
const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

function realisticTurn(index: number, status: Turn['status'] = 'complete'): Turn {
  return {
    id: `t${index.toString(36).padStart(8, '0')}`,
    origin: index % 5 === 0 ? 'explain' : 'chat',
    userText: `How do I handle case ${index} in the parser without breaking the tokenizer?`,
    context: index % 5 === 0 ? [{ path: 'src/parser.ts', languageId: 'typescript', startLine: 10, endLine: 40, text: 'const x = 1;\n'.repeat(30) }] : [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-4.1-mini',
    assistantText: 'Here is how: split the input first, then handle the case.\n\n```ts\nparse(input);\n```\n'.repeat(12),
    refusalText: '',
    reasoningSummary: '',
    status,
    responseId: `resp_${index.toString(16).padStart(24, '0')}`,
    usage: { inputTokens: 1200, cachedTokens: 800, outputTokens: 300, reasoningTokens: 0, totalTokens: 1500 },
    startedAt: 1_700_000_000_000 + index * 1000,
    finishedAt: 1_700_000_000_500 + index * 1000,
    sentWith: { instructions: 'You are a precise senior software engineer helping inside VS Code.' },
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-bench-'));
  try {
    const { store } = await ConversationStore.open(dir, silent);
    for (let i = 0; i < TURNS; i++) void store.commit(realisticTurn(i));
    await store.flush();
    const fileKb = (await stat(join(dir, LOG_FILE))).size / 1024;

    const openTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      const { store: reopened } = await ConversationStore.open(dir, silent);
      openTimes.push(performance.now() - start);
      if (reopened.turns.length !== TURNS) throw new Error(`reopened ${reopened.turns.length} turns`);
    }

    const { store: live } = await ConversationStore.open(dir, silent);
    const appendTimes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const start = performance.now();
      await live.commit(realisticTurn(TURNS + i));
      appendTimes.push(performance.now() - start);
    }

    // The per-delta path while a turn streams: update in memory, checkpoint throttled.
    const streaming = realisticTurn(TURNS + 100, 'streaming');
    streaming.assistantText = '';
    live.begin(streaming);
    const deltas = 20_000;
    const start = performance.now();
    for (let i = 0; i < deltas; i++) {
      streaming.assistantText += 'tok ';
      live.progress(streaming);
    }
    const progressUs = ((performance.now() - start) * 1000) / deltas;
    await live.commit({ ...streaming, status: 'complete' });
    await live.flush();

    const result = {
      'store.open_1000_turns_ms': round(median(openTimes)),
      'store.append_turn_at_1000_ms': round(median(appendTimes)),
      'store.progress_per_delta_us': round(progressUs),
      'store.file_kb_1000_turns': Math.round(fileKb),
    };
    console.log(`store at ${TURNS} turns (${result['store.file_kb_1000_turns']} KB): open ${result['store.open_1000_turns_ms']} ms, durable append ${result['store.append_turn_at_1000_ms']} ms`);
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
