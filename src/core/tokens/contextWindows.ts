import { modelFamilyName, O_SERIES, startsWithFamily } from './models';

export interface ModelContextWindow {
  tokens: number;
  /** False when the model matched no known family and the figure is a default. */
  known: boolean;
}

/** Checked in order: the first prefix that matches wins, so narrower families come before wider ones. */
const CONTEXT_WINDOWS: ReadonlyArray<readonly [prefix: string, tokens: number]> = [
  ['gpt-4.1', 1_047_576],
  ['gpt-4o', 128_000],
  ['chatgpt-4o', 128_000],
  ['gpt-4.5', 128_000],
  ['gpt-5-chat', 128_000],
  ['gpt-5.1-chat', 128_000],
  ['gpt-5.2-chat', 128_000],
  ['gpt-5', 400_000],
  ['gpt-5.1', 400_000],
  ['gpt-5.2', 400_000],
  ['codex-mini', 200_000],
  ['o1-mini', 128_000],
  ['o1-preview', 128_000],
  ['gpt-4-turbo', 128_000],
  ['gpt-4-1106', 128_000],
  ['gpt-4-0125', 128_000],
  ['gpt-4-vision', 128_000],
  ['gpt-4-32k', 32_768],
  ['gpt-4', 8_192],
  ['gpt-3.5-turbo-instruct', 4_096],
  ['gpt-3.5', 16_385],
  ['gpt-35', 16_385],
];
const O_SERIES_WINDOW = 200_000;
export const UNKNOWN_CONTEXT_WINDOW = 128_000;

export function contextWindowFor(model: string): ModelContextWindow {
  const name = modelFamilyName(model);
  for (const [prefix, tokens] of CONTEXT_WINDOWS) {
    if (startsWithFamily(name, prefix)) return { tokens, known: true };
  }
  if (O_SERIES.test(name)) return { tokens: O_SERIES_WINDOW, known: true };
  return { tokens: UNKNOWN_CONTEXT_WINDOW, known: false };
}
