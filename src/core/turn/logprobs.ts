import * as z from 'zod';

/**
 * Token log probabilities of a message, as stored with its part. The wire formats (Responses `logprobs` on
 * output_text deltas and content parts, Chat Completions `choices[].logprobs.content`) carry bytes and long
 * floats for every token and every alternative; a 2,000-token answer with five alternatives would add about
 * half a megabyte to the log. So a token is stored as a tuple `[token, logprob, alternatives?]`, each
 * alternative as `[token, logprob]`, logprobs rounded to three decimals (a probability off by at most 0.1 %),
 * and the chosen token is not repeated among its own alternatives.
 */

export const alternativeSchema = z.tuple([z.string(), z.number()]);
export const tokenLogprobSchema = z.tuple([z.string(), z.number(), z.array(alternativeSchema).optional()]);
export type TokenAlternative = z.infer<typeof alternativeSchema>;
export type TokenLogprob = z.infer<typeof tokenLogprobSchema>;

/** A list that fails to parse (written by a newer version, or damaged) is dropped; the text part stays. */
export const tokenLogprobsSchema = z.array(tokenLogprobSchema).optional().catch(undefined);

/** The API allows 0 to 20 alternatives per token (`top_logprobs`). */
export const MAX_TOP_LOGPROBS = 20;
/** The API reports "practically impossible" as -9999 and the like; anything below this reads the same on screen. */
const FLOOR = -100;

export function roundLogprob(value: number): number {
  const rounded = Math.round(Math.max(FLOOR, value) * 1000) / 1000;
  // -0 would print as "-0" in JSON exports of certain tokens.
  return rounded === 0 ? 0 : rounded;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Reads a wire list of `{ token, logprob, top_logprobs: [{ token, logprob }] }` (the shape both dialects share;
 * `bytes` is ignored). Entries without a token or a finite logprob are skipped rather than failing the answer.
 */
export function toTokenLogprobs(raw: unknown): TokenLogprob[] {
  if (!Array.isArray(raw)) return [];
  const tokens: TokenLogprob[] = [];
  for (const entry of raw) {
    const item = record(entry);
    if (!item || typeof item.token !== 'string' || !finite(item.logprob)) continue;
    const alternatives = toAlternatives(item.top_logprobs, item.token);
    tokens.push(alternatives.length > 0 ? [item.token, roundLogprob(item.logprob), alternatives] : [item.token, roundLogprob(item.logprob)]);
  }
  return tokens;
}

function toAlternatives(raw: unknown, chosen: string): TokenAlternative[] {
  if (!Array.isArray(raw)) return [];
  const alternatives: TokenAlternative[] = [];
  for (const entry of raw.slice(0, MAX_TOP_LOGPROBS)) {
    const item = record(entry);
    if (!item || typeof item.token !== 'string' || !finite(item.logprob) || item.token === chosen) continue;
    alternatives.push([item.token, roundLogprob(item.logprob)]);
  }
  return alternatives.sort((a, b) => b[1] - a[1]);
}

/**
 * Chat Completions: a choice's (or a streamed chunk choice's) `logprobs` object, `{ content: [...], refusal }`.
 * The Chat Completions provider calls this for every chunk and appends the result to the message's list.
 */
export function chatLogprobsToTokens(choiceLogprobs: unknown): TokenLogprob[] {
  return toTokenLogprobs(record(choiceLogprobs)?.content);
}

/** The text the tokens spell; equal to the message text when the server sent a token for every character. */
export function tokensText(tokens: readonly TokenLogprob[]): string {
  let text = '';
  for (const token of tokens) text += token[0];
  return text;
}
