import type { TurnError } from './conversation/turn';

export type EndpointCheck =
  | { ok: true; baseURL: string; isLoopback: boolean; host: string }
  | { ok: false; error: TurnError };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** Query parameters that carry credentials; a key belongs in secret storage, never in a URL that is shown or logged. */
const CREDENTIAL_PARAMS = /^(api[-_]?key|key|token|access[-_]?token|auth|authorization|secret|password)$/i;

/**
 * Validates `threadline.baseUrl` before any request, so a typo reads as a settings problem rather than a
 * network error. Loopback endpoints are flagged: local servers (LM Studio, vLLM, Ollama) accept any key.
 * The raw setting is never echoed back: someone may have pasted a key into it by mistake, and the message is
 * stored with the turn and shown in the panel.
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
    return invalid('threadline.baseUrl is not a URL: it needs a scheme and a host, like https://host/v1.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(`threadline.baseUrl uses "${url.protocol}", but only http: and https: are supported.`);
  }
  const credentialParam = [...url.searchParams.keys()].some((name) => CREDENTIAL_PARAMS.test(name));
  if (url.username || url.password || credentialParam) {
    return invalid('threadline.baseUrl contains credentials; remove them and use “Threadline: Set API Key” instead.');
  }
  const baseURL = url.toString().replace(/\/+$/, '');
  return { ok: true, baseURL, isLoopback: LOOPBACK_HOSTS.has(url.hostname), host: url.host };
}

/**
 * The base URL as it may be shown: scheme, host and path only. Query strings and user info are dropped, so
 * nothing secret reaches the webview even from a malformed setting.
 */
export function displayBaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return '(not a valid URL)';
  }
}
