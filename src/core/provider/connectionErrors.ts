import type { APIConnectionError } from 'openai';
import type { TurnError } from '../conversation/turn';
import { causeCodes, hostName } from './errorDetails';

/** What a failed connection means for the user: a name that does not resolve, a certificate, or nobody listening. */

export const BASE_URL_ACTION = 'Check threadline.baseUrl and your proxy settings, and that the server is running.';

export function describeConnection(error: APIConnectionError, host: string): TurnError {
  const codes = causeCodes(error);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')) {
    return {
      kind: 'dns',
      title: 'Cannot find the server',
      detail: `The host name ${hostName(host)} could not be resolved.`,
      action: `${BASE_URL_ACTION} Check the spelling of the host and your DNS or VPN.`,
    };
  }
  if (codes.some((c) => /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(c))) {
    return {
      kind: 'tls',
      title: 'The server’s certificate was not trusted',
      detail: `TLS to ${host} failed (${codes.find((c) => /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(c))}).`,
      action: 'A corporate proxy may be intercepting TLS: add its CA with NODE_EXTRA_CA_CERTS, or check http.proxy settings.',
    };
  }
  const refused = codes.includes('ECONNREFUSED');
  return {
    kind: 'connection',
    title: refused ? 'Connection refused' : 'Cannot reach the server',
    detail: refused
      ? `Nothing is listening at ${host}.`
      : `The connection to ${host} failed${codes.length > 0 ? ` (${codes[0]})` : ''}.`,
    action: BASE_URL_ACTION,
  };
}
