import type { AnswerAlternative, Turn } from '../src/core/conversation/turn';
import { pricesFromSettings } from '../src/core/pricing/priceTable';
import { recentAnswerTokens, typicalAnswerLength } from '../src/core/pricing/sendEstimate';
import { conversationCost, usageByModel } from '../src/core/pricing/usageCost';

/**
 * What pricing costs the host on a 10,000-turn conversation: the bill is worked out again on every `turnUpdated`
 * (the panel's total), and the typical answer length once per finished answer or model change (the token tooltip).
 * The worst case for the latter is a model that never answered here, which reads every turn.
 */
const TURNS = 10_000;
const RUNS = 50;
const MODELS = ['gpt-4.1-mini', 'gpt-4.1', 'gpt-5-mini', 'llama3.1:8b'];

function usage(seed: number) {
  const input = 500 + (seed % 4000);
  const output = 100 + (seed % 900);
  return { inputTokens: input, cachedTokens: seed % 3 === 0 ? Math.floor(input / 2) : 0, outputTokens: output, reasoningTokens: 0, totalTokens: input + output };
}

function conversation(): Turn[] {
  return Array.from({ length: TURNS }, (_, i): Turn => {
    const model = MODELS[i % 3] as string;
    const base: Turn = {
      id: `t${i}`, origin: 'chat', userText: `question ${i}`, assistantText: `answer ${i}`, refusalText: '', reasoningSummary: '',
      personaId: 'assistant', personaLabel: 'Coding Assistant', model, status: 'complete', startedAt: i, context: [], usage: usage(i),
    };
    if (i % 50 !== 0) return base;
    // Every 50th turn a fan-out over three personas, one of them on a local model without a price.
    const alternatives = [0, 1, 3].map((m, a): AnswerAlternative => ({
      id: `t${i}.${a}`, personaId: `p${a}`, personaLabel: `P${a}`, model: MODELS[m] as string, assistantText: `answer ${i}.${a}`,
      refusalText: '', reasoningSummary: '', status: 'complete', startedAt: i, usage: usage(i + a),
    }));
    return { ...base, alternatives, chosen: `t${i}.0` };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(run: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return Number(median(times).toFixed(2));
}

function main(): void {
  const turns = conversation();
  const prices = pricesFromSettings({ 'llama3.1:8b': { input: 0, output: 0 } });
  const bill = conversationCost(usageByModel(turns), prices);
  const result = {
    'pricing.bill_ms_10k_turns': time(() => conversationCost(usageByModel(turns), prices)),
    'pricing.answer_length_ms_10k_turns': time(() => typicalAnswerLength(recentAnswerTokens(turns, 'gpt-4.1-mini'))),
    'pricing.answer_length_ms_10k_turns_unanswered_model': time(() => typicalAnswerLength(recentAnswerTokens(turns, 'o3'))),
  };
  console.log(`bill of ${TURNS} turns: $${bill.usd?.toFixed(2)} (${bill.unpriced.length} unpriced models)`);
  console.log(`BENCH ${JSON.stringify(result)}`);
}

main();
