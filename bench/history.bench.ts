import type { Turn } from '../src/core/conversation/turn';
import { search, SEARCH_LIMIT } from '../src/core/history/search';
import { buildSearchIndex, type SearchableConversation } from '../src/core/history/searchIndex';

/**
 * Full-text search over 10,000 turns in 200 conversations (a heavy user's history): the median time of a mix of
 * queries, from common words that fill the limit at once to words found nowhere, which scan everything. Text is
 * generated from a fixed seed, about 1 KB per answer, with a tenth of the conversations in Korean and code
 * context on a fifth of the turns.
 */

const CONVERSATIONS = 200;
const TURNS_EACH = 50;
const RUNS = 15;

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(11);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const SYLLABLES = ['par', 'ser', 'to', 'ken', 'con', 'fig', 'stream', 'buf', 'fer', 'chain', 'work', 'space', 'va', 'lid', 'ate', 'read', 'er', 'ing', 'in', 'dex', 'cache', 'ret', 'ry'];
// Zipf-like vocabulary: a few words everywhere, most words rare.
const VOCABULARY = Array.from({ length: 3000 }, () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join(''));
const COMMON = ['the', 'a', 'to', 'and', 'of', 'in', 'is', 'it', 'that', 'for', 'with', 'this', 'function', 'value', 'error'];
const KOREAN = ['대화를', '이어서', '파서를', '먼저', '고쳐야', '합니다', '설정', '파일을', '읽고', '오류가', '발생하면', '다시', '시도합니다', '토큰', '스트림'];

function word(): string {
  const r = random();
  if (r < 0.45) return pick(COMMON);
  return VOCABULARY[Math.floor(Math.pow(random(), 2.5) * VOCABULARY.length)];
}

function sentence(words: number, korean: boolean): string {
  const parts = Array.from({ length: words }, () => (korean && random() < 0.7 ? pick(KOREAN) : word()));
  parts[0] = parts[0].charAt(0).toUpperCase() + parts[0].slice(1);
  return `${parts.join(' ')}.`;
}

function answer(korean: boolean): string {
  const prose = Array.from({ length: 6 + Math.floor(random() * 6) }, () => sentence(8 + Math.floor(random() * 10), korean)).join(' ');
  return `${prose}\n\n\`\`\`ts\nexport function ${word()}(input: string) {\n  return ${word()}(input);\n}\n\`\`\`\n`;
}

function buildHistory(): SearchableConversation[] {
  const conversations: SearchableConversation[] = [];
  for (let c = 0; c < CONVERSATIONS; c++) {
    const korean = c % 10 === 3;
    const turns: Turn[] = Array.from({ length: TURNS_EACH }, (_, t) => ({
      id: `c${c}t${t}`, origin: 'chat', userText: sentence(8 + Math.floor(random() * 20), korean), assistantText: answer(korean),
      refusalText: '', reasoningSummary: '', personaId: 'assistant', personaLabel: 'Coding Assistant', model: 'gpt-4.1-mini',
      status: 'complete', startedAt: c * 1e6 + t,
      context: random() < 0.2 ? [{ path: `/work/repo/src/${pick(['core', 'chat', 'webview'])}/${word()}.ts`, languageId: 'typescript', startLine: 1, endLine: 9, text: '' }] : [],
    }));
    conversations.push({
      summary: {
        id: `c${c}`, title: turns[0].userText.slice(0, 60), titleSet: false, createdAt: c, lastActivity: c * 1e6, turnCount: TURNS_EACH,
        totalTokens: 0, usageByModel: {}, personas: ['Coding Assistant'], pinned: false, storedResponseIds: [],
        workspace: { key: c % 4 === 0 ? 'ws-other' : 'ws-main', label: 'repo', uris: [] },
      },
      turns,
    });
  }
  return conversations;
}

/** The mix: common and rare words, words found nowhere, AND of several, Korean substrings, paths, phrases, case. */
const QUERIES = [
  'function', 'ERROR', VOCABULARY[5], VOCABULARY[2900], 'zzqxnotfound', 'value chainworkspace', `${VOCABULARY[2500]} the`,
  'the cacheretry parserbuf', '대화', '파서', '없는단어', 'src/webview/', '"return the"', 'Pars', 'tokenizer validate missingword',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function main(): void {
  const conversations = buildHistory();
  const turnCount = conversations.reduce((sum, c) => sum + c.turns.length, 0);
  const heapBefore = heapMb();
  const buildTimes: number[] = [];
  let index = buildSearchIndex(conversations);
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    index = buildSearchIndex(conversations);
    buildTimes.push(performance.now() - start);
  }
  const indexMb = heapMb() - heapBefore;

  const times: number[] = [];
  const perQuery: string[] = [];
  for (const query of QUERIES) {
    const own: number[] = [];
    let found = 0;
    for (let run = 0; run < RUNS; run++) {
      const scope = run % 2 === 0 ? {} : { workspaceKey: 'ws-main' };
      const start = performance.now();
      const result = search(index, query, { limit: SEARCH_LIMIT, ...scope });
      own.push(performance.now() - start);
      found = Math.max(found, result.hits.length);
    }
    times.push(...own);
    perQuery.push(`${JSON.stringify(query)} ${median(own).toFixed(2)} ms (${found} hits)`);
  }

  const result = {
    'history.search_ms_10k_turns': round(median(times)),
    'history.search_ms_10k_turns_slowest': round(Math.max(...QUERIES.map((_, q) => median(times.slice(q * RUNS, (q + 1) * RUNS))))),
    'history.search_index_build_ms_10k_turns': round(median(buildTimes)),
    'history.search_index_mb_10k_turns': round(indexMb),
  };
  console.log(`search over ${turnCount} turns in ${CONVERSATIONS} conversations, ${(index.corpus.length / 1e6).toFixed(1)} M characters indexed`);
  for (const line of perQuery) console.log(`  ${line}`);
  console.log(`BENCH ${JSON.stringify(result)}`);
}

function round(value: number): number {
  return Number(value.toFixed(2));
}

main();
