/** Deterministic replies of the fake server: derived from the request so tests can predict them. */

export interface FakeReply {
  text: string;
  refusal?: string;
  /** Reasoning summary parts (a string is one part). Streamed only when the request asks for a summary. */
  reasoning?: string | string[];
  /** Explicit delta boundaries; by default the text is cut every two words. */
  deltas?: string[];
  /** gpt-5-class names: the commentary message sent before the answer; null sends none. Defaults to a short preamble. */
  commentary?: string | null;
  /** A web_search_call item between the commentary and the answer. */
  webSearch?: { query: string };
  /** url_citation annotations: each source is appended to the answer as a Markdown link, which the annotation spans. */
  citations?: { url: string; title: string }[];
}

export interface UrlCitation {
  type: 'url_citation';
  start_index: number;
  end_index: number;
  url: string;
  title: string;
}

export const DEFAULT_REASONING_PARTS = [
  'Considering the question step by step before answering.',
  'Checking the answer against what was asked.',
  'Choosing the clearest way to say it.',
];

export function reasoningParts(count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => DEFAULT_REASONING_PARTS[i % DEFAULT_REASONING_PARTS.length]);
}

export const DEFAULT_COMMENTARY = 'Got it — working on it.';

export function defaultCitations(count: number): { url: string; title: string }[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => ({ url: `https://example.com/source-${i + 1}?utm_source=openai`, title: `Example source ${i + 1}` }));
}

/**
 * Appends each source as ` ([example.com](url))`, the form gpt-5 answers with after a web search, and returns the
 * annotations spanning those links. Indices count UTF-16 units, which equal code points for the fake's texts.
 */
export function withCitations(text: string, sources: { url: string; title: string }[]): { text: string; annotations: UrlCitation[] } {
  let cited = text;
  const annotations: UrlCitation[] = [];
  for (const source of sources) {
    const link = `([${new URL(source.url).hostname}](${source.url}))`;
    cited += ' ';
    annotations.push({ type: 'url_citation', start_index: cited.length, end_index: cited.length + link.length, url: source.url, title: source.title });
    cited += link;
  }
  return { text: cited, annotations };
}

export function defaultReplyText(userText: string): string {
  const line = userText.split('\n').find((l) => l.trim().length > 0)?.trim() ?? '';
  const quoted = line.length > 120 ? `${line.slice(0, 117)}...` : line;
  return `Answer to “${quoted}”: this reply comes from the fake Responses server, streamed in several parts.`;
}

export function longReplyText(words: number): string {
  const vocabulary = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
  return Array.from({ length: words }, (_, i) => `${vocabulary[i % vocabulary.length]}${i % 12 === 11 ? '.\n' : ''}`).join(' ');
}

/** Two words per delta, keeping the whitespace so the deltas concatenate back to the text exactly. */
export function splitIntoDeltas(text: string, wordsPerDelta = 2): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? (text ? [text] : []);
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += wordsPerDelta) deltas.push(words.slice(i, i + wordsPerDelta).join(''));
  return deltas;
}

/** A minimal instance of a JSON schema, so a json_schema request gets valid JSON without a scripted reply. */
export function exampleForSchema(schema: unknown, depth = 0): unknown {
  if (depth > 8 || typeof schema !== 'object' || schema === null) return null;
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return exampleForSchema(s.anyOf[0], depth + 1);
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleForSchema(value, depth + 1)]));
    }
    case 'array':
      return [exampleForSchema(s.items, depth + 1)];
    case 'string':
      return 'example';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
