import { randomBytes } from 'node:crypto';
import { estimateTokens } from './replies';

/**
 * What a stored response carries along a previous_response_id chain, counted with the fake's own estimate
 * (four characters a token): enough for context windows and compaction to behave like the real server's, with
 * numbers a test can predict. Instructions are never part of the chain; the server does not carry them along.
 */

export interface StoredResponse {
  id: string;
  body: Record<string, unknown>;
  /** Tokens the chain holds after this response: every earlier input and visible output, or the compacted size. */
  chainTokens: number;
  /** The user messages along the chain, oldest first: a compaction keeps them verbatim. */
  userTexts: string[];
}

const COMPACTION_PREFIX = 'gAAAAA';

/** A compacted chain keeps a tenth of what it held, and never less than 16 tokens. */
export function compactedTokens(tokens: number): number {
  return Math.max(16, Math.ceil(tokens / 10));
}

/** The real item's content is opaque; the fake's records the compacted size so a later request can count it. */
export function compactionItem(tokens: number): { id: string; type: 'compaction'; encrypted_content: string } {
  const payload = Buffer.from(JSON.stringify({ fake: 'threadline', tokens })).toString('base64url');
  return { id: `cmp_${randomBytes(12).toString('hex')}`, type: 'compaction', encrypted_content: `${COMPACTION_PREFIX}${payload}` };
}

function compactionTokens(encrypted: unknown): number {
  if (typeof encrypted !== 'string') return 0;
  try {
    const decoded = JSON.parse(Buffer.from(encrypted.slice(COMPACTION_PREFIX.length), 'base64url').toString('utf8')) as { tokens?: unknown };
    if (typeof decoded.tokens === 'number') return decoded.tokens;
  } catch {
    // Not one of ours: count it as text.
  }
  return estimateTokens(encrypted);
}

/** Tokens of a request's `input`: message text, tool output, reasoning summaries and compaction items. */
export function inputTokens(input: unknown): number {
  if (typeof input === 'string') return estimateTokens(input);
  if (!Array.isArray(input)) return 0;
  let total = 0;
  for (const raw of input) {
    const item = (raw ?? {}) as Record<string, unknown>;
    if (item.type === 'compaction') total += compactionTokens(item.encrypted_content);
    else if (item.type === 'reasoning') total += estimateTokens(summaryText(item.summary));
    else if (typeof item.output === 'string') total += estimateTokens(item.output);
    else total += estimateTokens(contentText(item.content));
  }
  return total;
}

function summaryText(summary: unknown): string {
  return Array.isArray(summary) ? summary.map((part) => String((part as { text?: unknown })?.text ?? '')).join('') : '';
}

export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).join('');
}

/** The text of every user message in `input`, in order. */
export function userTexts(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  return input.filter((item) => (item as { role?: unknown })?.role === 'user').map((item) => contentText((item as { content?: unknown }).content));
}

/** The text of the last user message, markers included. */
export function lastUserText(input: unknown): string {
  return userTexts(input).at(-1) ?? '';
}

/** POST /v1/responses/compact: every user message kept verbatim, then one compaction item (openai-node CompactedResponse). */
export function compactedResponse(texts: string[], renderedTokens: number, instanceTag: string) {
  const compacted = compactedTokens(renderedTokens);
  const messages = texts.map((text, i) => ({
    id: `msg_${instanceTag}${String(i).padStart(4, '0')}${randomBytes(4).toString('hex')}`,
    type: 'message',
    status: 'completed',
    role: 'user',
    content: [{ type: 'input_text', text }],
  }));
  return {
    id: `resp_${instanceTag}${randomBytes(8).toString('hex')}`,
    object: 'response.compaction',
    created_at: Math.floor(Date.now() / 1000),
    output: [...messages, compactionItem(compacted)],
    usage: {
      input_tokens: renderedTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: compacted,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: renderedTokens + compacted,
    },
  };
}
