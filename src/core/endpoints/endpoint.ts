import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';

export type EndpointCheck =
  | { ok: true; baseURL: string; isLoopback: boolean; host: string }
  | { ok: false; error: TurnError };

/** Where a base URL came from, so a message names what to edit: 0.1.0's setting, or one endpoint profile. */
export interface UrlSource {
  /** The profile's label; absent for `threadline.baseUrl` used without profiles. */
  profile?: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '0.0.0.0']);

/** Query parameters that carry credentials; a key belongs in secret storage, never in a URL that is shown or logged. */
const CREDENTIAL_PARAMS = /^(api[-_]?key|key|token|access[-_]?token|auth|authorization|secret|password)$/i;

export function isLoopbackUrl(raw: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(raw).hostname);
  } catch {
    return false;
  }
}

/**
 * Validates a base URL before any request, so a typo reads as a settings problem rather than a network error.
 * Loopback endpoints are flagged: local servers (LM Studio, vLLM, Ollama) accept any key. The raw value is never
 * echoed back: someone may have pasted a key into it by mistake, and the message is stored with the turn and
 * shown in the panel.
 */
export function checkBaseUrl(raw: string, source: UrlSource = {}): EndpointCheck {
  const what = source.profile ? l10n.t('The base URL of endpoint “{0}”', source.profile) : 'threadline.baseUrl';
  const invalid = (detail: string): EndpointCheck => ({
    ok: false,
    error: {
      kind: 'invalid_base_url',
      title: source.profile ? l10n.t('The base URL of endpoint “{0}” is not usable', source.profile) : l10n.t('The base URL setting is not usable'),
      detail,
      action: source.profile
        ? l10n.t("Edit the endpoint's baseUrl in threadline.endpoints: an http(s) URL such as https://api.openai.com/v1 or http://localhost:11434/v1.")
        : l10n.t('Set threadline.baseUrl to an http(s) URL such as https://api.openai.com/v1 or http://localhost:1234/v1.'),
    },
  });
  if (!raw) return invalid(l10n.t('{0} is empty.', what));
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return invalid(l10n.t('{0} is not a URL: it needs a scheme and a host, like https://host/v1.', what));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return invalid(l10n.t('{0} uses "{1}", but only http: and https: are supported.', what, url.protocol));
  }
  const credentialParam = [...url.searchParams.keys()].some((name) => CREDENTIAL_PARAMS.test(name));
  if (url.username || url.password || credentialParam) {
    return invalid(l10n.t('{0} contains credentials; remove them and use “Threadline: Set API Key” instead.', what));
  }
  if (url.hostname === 'resource.openai.azure.com') {
    return invalid(l10n.t('{0} still holds the placeholder RESOURCE: put your Azure resource name in its place.', what));
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
    return l10n.t('(not a valid URL)');
  }
}
