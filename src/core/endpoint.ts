import type { TurnError } from './conversation/turn';

export type EndpointCheck =
  | { ok: true; baseURL: string; isLoopback: boolean; host: string }
  | { ok: false; error: TurnError };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/**
 * Validates `threadline.baseUrl` before any request, so a typo reads as a settings problem rather than a
 * network error. Loopback endpoints are flagged: local servers (LM Studio, vLLM, Ollama) accept any key.
 */
export function checkBaseUrl(raw: string): EndpointCheck {
  const invalid = (detail: string): EndpointCheck => ({
    ok: false,
    error: {
      kind: 'invalid_base_url',
      title: 'The base URL setting is not usable',
      detail,
      action: 'Set threadline.baseUrl to an http(s) URL such as https://api.openai.com/v1 or http://localhost:1234/v1.',
    },
  });
  if (!raw) return invalid('threadline.baseUrl is empty.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid(`threadline.baseUrl "${raw}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(`threadline.baseUrl uses "${url.protocol}", but only http: and https: are supported.`);
  }
  if (url.username || url.password) {
    return invalid('threadline.baseUrl contains credentials; put the key in “Threadline: Set API Key” instead.');
  }
  const baseURL = url.toString().replace(/\/+$/, '');
  return { ok: true, baseURL, isLoopback: LOOPBACK_HOSTS.has(url.hostname), host: url.host };
}
