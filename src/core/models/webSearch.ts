import { modelFamilyName } from '../tokens/models';

/**
 * Which models take the hosted `web_search` tool of the Responses API, and the one setting it has here. Per
 * OpenAI's web search guide: the gpt-5 family (not the ChatGPT snapshot), o3, o4-mini, gpt-4.1 and gpt-4o (not
 * gpt-4.1-nano); o1, o3-mini, codex-mini and the older GPT models answer 400 "Hosted tool 'web_search' is not
 * supported with …". Unknown names get the tool when asked for: a refusal then names the way out (Turn off web search).
 */

/** `search_context_size`: how much page text the search feeds the model, at a price per call. */
export const WEB_SEARCH_CONTEXT_SIZES = ['low', 'medium', 'high'] as const;
export type WebSearchContextSize = (typeof WEB_SEARCH_CONTEXT_SIZES)[number];

export function isWebSearchContextSize(value: unknown): value is WebSearchContextSize {
  return (WEB_SEARCH_CONTEXT_SIZES as readonly unknown[]).includes(value);
}

const WITHOUT_WEB_SEARCH: readonly RegExp[] = [
  /^gpt-5-chat/,
  /^gpt-4\.1-nano/,
  /^o1(?:-|$)/,
  /^o3-mini/,
  /^codex-mini/,
  /^(?:gpt-4|gpt-3\.5|gpt-35)(?:-|$)/,
];

const WITH_WEB_SEARCH: readonly RegExp[] = [/^gpt-5/, /^o3(?:-|$)/, /^o4-mini/, /^gpt-4\.1/, /^gpt-4o/, /^chatgpt-4o/];

/** True when the model takes `tools: [{type: "web_search"}]`; names no row knows are given the benefit of the doubt. */
export function supportsWebSearch(model: string): { supported: boolean; known: boolean } {
  const name = modelFamilyName(model);
  if (WITHOUT_WEB_SEARCH.some((p) => p.test(name))) return { supported: false, known: true };
  if (WITH_WEB_SEARCH.some((p) => p.test(name))) return { supported: true, known: true };
  return { supported: true, known: false };
}
