import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Turn } from '../src/core/conversation/turn';
import type { Logger } from '../src/core/provider/types';
import { openConversationLibrary } from '../src/core/store/conversationLibrary';
import { OtherWorkspaces } from '../src/core/store/otherWorkspaces';

/**
 * The conversation library: opening one conversation of 10,000 turns on a freshly opened library (read, parse,
 * validate and merge every record), listing 200 conversations from the index, a refresh that finds nothing new,
 * one durable commit at 10,000 turns, and "All workspaces": 200 conversations spread over 5 workspaces listed
 * by a window of a sixth (this workspace's library and the other five read-only), from a fresh start.
 */

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };
const WORKSPACE = { folderUris: ['file:///home/dev/project'] };

function realisticTurn(index: number): Turn {
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
    status: 'complete',
    responseId: `resp_${index.toString(16).padStart(24, '0')}`,
    usage: { inputTokens: 1200, cachedTokens: 800, outputTokens: 300, reasoningTokens: 0, totalTokens: 1500 },
    startedAt: 1_700_000_000_000 + index * 1000,
    finishedAt: 1_700_000_000_500 + index * 1000,
    sentWith: { instructions: 'You are a precise senior software engineer helping inside VS Code.' },
  };
}

const open = (root: string) => openConversationLibrary({ root, workspace: WORKSPACE, logger: silent });

async function benchOpen(root: string): Promise<Record<string, number>> {
  const writer = await open(root);
  const turns = Array.from({ length: 10_000 }, (_, i) => realisticTurn(i));
  const big = await writer.createFrom(turns, { title: 'Ten thousand turns' });
  await writer.dispose();
  const fileMb = (await stat(join(writer.paths.conversationDir(big.id), `${writer.writerId}.jsonl`))).size / 1024 / 1024;

  const openTimes: number[] = [];
  const refreshTimes: number[] = [];
  const commitTimes: number[] = [];
  for (let run = 0; run < 7; run++) {
    const library = await open(root);
    global.gc?.();
    const start = performance.now();
    const handle = await library.open(big.id);
    openTimes.push(performance.now() - start);
    if (handle.turns.length !== 10_000 + run) throw new Error(`opened ${handle.turns.length} turns`);
    const refreshStart = performance.now();
    await handle.refresh();
    refreshTimes.push(performance.now() - refreshStart);
    const commitStart = performance.now();
    await handle.commit(realisticTurn(20_000 + run));
    commitTimes.push(performance.now() - commitStart);
    await library.dispose();
  }
  return {
    'store.open_10k_turns_ms': round(median(openTimes)),
    'store.refresh_unchanged_10k_turns_ms': round(median(refreshTimes)),
    'store.commit_at_10k_turns_ms': round(median(commitTimes)),
    'store.file_mb_10k_turns': round(fileMb),
  };
}

async function benchList(root: string): Promise<Record<string, number>> {
  const writer = await open(root);
  for (let c = 0; c < 200; c++) {
    await writer.createFrom(Array.from({ length: 50 }, (_, i) => realisticTurn(c * 50 + i)), { title: '' });
  }
  await writer.dispose();
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    global.gc?.();
    const start = performance.now();
    const library = await open(root);
    const list = await library.list();
    times.push(performance.now() - start);
    if (list.length !== 200) throw new Error(`listed ${list.length}`);
    await library.dispose();
  }
  return { 'history.list_ms_200': round(median(times)) };
}

async function benchListAll(root: string): Promise<Record<string, number>> {
  const workspaces = Array.from({ length: 5 }, (_, w) => ({ folderUris: [`file:///home/dev/project-${w}`] }));
  for (const [w, workspace] of workspaces.entries()) {
    const writer = await openConversationLibrary({ root, workspace, logger: silent });
    for (let c = 0; c < 40; c++) {
      await writer.createFrom(Array.from({ length: 50 }, (_, i) => realisticTurn((w * 40 + c) * 50 + i)), { title: '' });
    }
    await writer.dispose();
  }
  const times: number[] = [];
  for (let run = 0; run < 9; run++) {
    global.gc?.();
    const start = performance.now();
    const library = await open(root);
    const others = new OtherWorkspaces({ root, ownKey: library.workspace.key, logger: silent });
    const [own, listed] = await Promise.all([library.list(), others.list()]);
    times.push(performance.now() - start);
    if (own.length !== 0 || listed.length !== 200 || others.damage.length > 0) throw new Error(`listed ${own.length} + ${listed.length}`);
    await library.dispose();
  }
  return { 'history.list_all_ms': round(median(times)) };
}

async function main(): Promise<void> {
  const roots = await Promise.all([0, 1, 2].map(() => mkdtemp(join(tmpdir(), 'threadline-bench-'))));
  try {
    const result = { ...(await benchOpen(roots[0])), ...(await benchList(roots[1])), ...(await benchListAll(roots[2])) };
    console.log(`library: open 10,000 turns (${result['store.file_mb_10k_turns']} MB) ${result['store.open_10k_turns_ms']} ms, list 200 conversations ${result['history.list_ms_200']} ms, 200 over 5 workspaces ${result['history.list_all_ms']} ms`);
    console.log(`BENCH ${JSON.stringify(result)}`);
  } finally {
    for (const root of roots) await rm(root, { recursive: true, force: true });
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
