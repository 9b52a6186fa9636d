/**
 * Token logprobs as the real Responses API sends them when a request includes 'message.output_text.logprobs':
 * every output_text.delta carries `logprobs: [{ token, logprob, top_logprobs: [{ token, logprob }] }]` for its
 * token; output_text.done carries the whole list in the same shape; the content part (in content_part.done, the
 * finished item and the final response) carries it with `bytes` on every token and alternative, as the SDK's
 * ResponseOutputText.Logprob type says. Values are deterministic: the same token at the same position always
 * gets the same probability, and every seventh token is one the model was unsure of (an alternative ranks above it).
 */

export interface DeltaLogprob {
  token: string;
  logprob: number;
  top_logprobs: { token: string; logprob: number }[];
}

const ALTERNATIVES = [' the', ' a', ' this', ' that', ',', '.', ' and', ' it', ' is', ' of', ' to', ' in', ' for', ' on', ' with', ' as', ' by', ' at', ' or', ' be', ' we'];

/** FNV-1a: a stable number from the token and its position. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function isUnsure(position: number): boolean {
  return position % 7 === 3;
}

/** The logprob entry of the token at `position` of the answer, with `top` alternatives (0–20). */
export function tokenLogprob(token: string, position: number, top: number): DeltaLogprob {
  const h = hash(`${position}:${token}`);
  const unsure = isUnsure(position);
  // Confident tokens land between 85 % and 99.9 %, unsure ones between 15 % and 45 %.
  const p = unsure ? 0.15 + (h % 300) / 1000 : 0.85 + (h % 149) / 1000;
  const others = ALTERNATIVES.filter((t) => t !== token);
  const start = h % others.length;
  const rest = 1 - p;
  const alternatives = Array.from({ length: Math.max(0, top) }, (_, k) => ({
    token: others[(start + k) % others.length],
    // The first alternative of an unsure token takes more than the token itself; the rest halve each time.
    p: unsure && k === 0 ? rest * 0.8 : rest * 0.2 * 0.5 ** k,
  }));
  const ranked = [{ token, p }, ...alternatives].sort((a, b) => b.p - a.p).slice(0, top);
  return { token, logprob: Math.log(p), top_logprobs: ranked.map((entry) => ({ token: entry.token, logprob: Math.log(entry.p) })) };
}

/** The same entries as the content part carries them: UTF-8 bytes on the token and on every alternative. */
export function withBytes(entries: readonly DeltaLogprob[]): Record<string, unknown>[] {
  const bytes = (text: string) => [...Buffer.from(text, 'utf8')];
  return entries.map((entry) => ({
    token: entry.token,
    bytes: bytes(entry.token),
    logprob: entry.logprob,
    top_logprobs: entry.top_logprobs.map((alt) => ({ ...alt, bytes: bytes(alt.token) })),
  }));
}
