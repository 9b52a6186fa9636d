/**
 * Keeps secrets out of anything a user or a log sees. Servers echo keys back in error messages
 * ("Incorrect API key provided: sk-..."), so every server-supplied string passes through here.
 */

const KEY_PATTERNS: RegExp[] = [
  // OpenAI-style keys, including partially masked echoes such as sk-proj-abc***xyz.
  /\bsk-[A-Za-z0-9_*.-]{6,}/g,
  /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi,
  /\b(api[-_]?key|authorization)(["']?\s*[:=]\s*["']?)[^\s"',}]{6,}/gi,
  // user:password@ in a URL, as a proxy URL carries them.
  /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi,
];

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real keys are long.
    if (secret.length >= 8) result = result.split(secret).join('[redacted]');
  }
  result = result.replace(KEY_PATTERNS[0], '[redacted key]');
  result = result.replace(KEY_PATTERNS[1], (_m, scheme: string) => `${scheme} [redacted]`);
  result = result.replace(KEY_PATTERNS[2], (_m, name: string, sep: string) => `${name}${sep}[redacted]`);
  result = result.replace(KEY_PATTERNS[3], (_m, scheme: string) => `${scheme}[redacted]@`);
  return result;
}
