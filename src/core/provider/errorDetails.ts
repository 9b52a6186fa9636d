import type { APIError } from 'openai';

/** Reading the facts a user message needs out of SDK errors: socket codes, the server's text, retry hints, the host. */

export const BASE_URL_ACTION = 'Check threadline.baseUrl and your proxy settings, and that the server is running.';

/** Node's fetch hides the socket error a few `cause`s deep; collect every `code` on the way. */
export function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const nested = (current as { errors?: unknown }).errors;
    if (Array.isArray(nested)) codes.push(...nested.flatMap((e) => causeCodes(e)));
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/** Every `message` along the `cause` chain: undici says what a proxy answered only in words. */
export function causeMessages(error: unknown): string[] {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string') messages.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages;
}

export function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  // Without a JSON body the SDK's message is "<status> <text>" or "<status> status code (no body)".
  const text = error.message.replace(/^\d{3}\s*/, '');
  return text === 'status code (no body)' ? '' : text;
}

/** retry-after-ms wins over retry-after (seconds or an HTTP date); OpenAI also says "try again in 20s" in the message. */
export function retryAfterFrom(error: APIError, message: string): number | undefined {
  const headers = error.headers instanceof Headers ? error.headers : undefined;
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return roundSeconds(ms / 1000);
  const raw = headers?.get('retry-after');
  if (raw) {
    const seconds = Number.parseFloat(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return roundSeconds(seconds);
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return roundSeconds(Math.max(0, (date - Date.now()) / 1000));
  }
  const inMessage = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (inMessage) return roundSeconds(Number.parseFloat(inMessage[1]) / (inMessage[2].toLowerCase() === 'ms' ? 1000 : 1));
  return undefined;
}

export function roundSeconds(seconds: number): number {
  return Math.ceil(seconds * 10) / 10;
}

export function formatSeconds(seconds: number): string {
  if (seconds < 1) return 'a second';
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** host[:port] of the base URL: enough to say where, never the path's query or credentials. */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host || baseURL;
  } catch {
    return baseURL.replace(/^[a-z]+:\/\//i, '').split(/[/?#]/)[0] ?? baseURL;
  }
}

export function hostName(host: string): string {
  return host.replace(/:\d+$/, '');
}
