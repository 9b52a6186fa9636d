import type { Turn } from '../../src/core/conversation/turn';
import type { Usage } from '../../src/core/turn/usage';
import type { PanelState } from '../../src/core/protocol';

/** Protocol-shaped data for driving the chat webview: turns, panel state, usage. */

let counter = 0;

export function usage(input = 120, output = 80, cached = 0, reasoning = 0): Usage {
  return { inputTokens: input, cachedTokens: cached, outputTokens: output, reasoningTokens: reasoning, totalTokens: input + output };
}

export function panelState(overrides: Partial<PanelState> = {}): PanelState {
  return {
    personas: [
      { id: 'assistant', label: 'Coding Assistant', model: 'gpt-4.1-mini' },
      { id: 'reviewer', label: 'Code Reviewer', model: 'gpt-4.1' },
    ],
    activePersonaId: 'assistant',
    model: 'gpt-4.1-mini',
    hasApiKey: true,
    baseUrl: 'https://api.openai.com/v1',
    busy: false,
    ...overrides,
  };
}

export function turn(overrides: Partial<Turn> = {}): Turn {
  counter += 1;
  const startedAt = 1_760_000_000_000 + counter * 1000;
  return {
    id: `t${counter}`,
    origin: 'chat',
    userText: `Question ${counter}`,
    context: [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-4.1-mini',
    assistantText: `Answer ${counter}`,
    refusalText: '',
    reasoningSummary: '',
    status: 'complete',
    usage: usage(),
    startedAt,
    finishedAt: startedAt + 1500,
    ...overrides,
  };
}

export function streamingTurn(overrides: Partial<Turn> = {}): Turn {
  return turn({ assistantText: '', status: 'streaming', usage: undefined, finishedAt: undefined, ...overrides });
}

export function totalsOf(turns: Turn[]): Usage {
  return turns.reduce<Usage>((sum, t) => ({
    inputTokens: sum.inputTokens + (t.usage?.inputTokens ?? 0),
    cachedTokens: sum.cachedTokens + (t.usage?.cachedTokens ?? 0),
    outputTokens: sum.outputTokens + (t.usage?.outputTokens ?? 0),
    reasoningTokens: sum.reasoningTokens + (t.usage?.reasoningTokens ?? 0),
    totalTokens: sum.totalTokens + (t.usage?.totalTokens ?? 0),
  }), usage(0, 0));
}

/** A realistic answer: prose, a list, a table and code in two languages. About 330 tokens. */
export function sampleAnswer(seed: number): string {
  return [
    `## Step ${seed}: tightening the parser`,
    '',
    `The function \`parseConfig\` reads the file **once** and validates it against the schema; see [the docs](https://example.com/docs/${seed}) for the options.`,
    'It fails early on unknown keys, which keeps typos from being silently ignored.',
    '',
    '- Reads the file with a size limit',
    '- Validates with *zod*, reporting the path of each problem',
    '- Returns a frozen object, so callers cannot mutate shared state',
    '',
    '```ts',
    `export function parseConfig(text: string, limit = ${1000 + seed}): Config {`,
    '  if (text.length > limit) throw new Error(`config too large: ${text.length}`);',
    '  const parsed = configSchema.safeParse(JSON.parse(text));',
    '  if (!parsed.success) throw new ConfigError(parsed.error.issues);',
    '  return Object.freeze(parsed.data);',
    '}',
    '```',
    '',
    '| Option | Default | Meaning |',
    '|:--|:-:|--:|',
    `| \`limit\` | ${1000 + seed} | maximum characters |`,
    '| `strict` | true | reject unknown keys |',
    '',
    '```python',
    `def retry(fn, attempts=${(seed % 5) + 2}):`,
    '    for i in range(attempts):',
    '        try:',
    '            return fn()',
    '        except TimeoutError as e:',
    '            last = e',
    '    raise last',
    '```',
    '',
    '> Note: keep the limit above the largest real file you expect.',
    '',
  ].join('\n');
}
