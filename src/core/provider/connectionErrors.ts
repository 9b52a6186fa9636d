import type { APIConnectionError } from 'openai';
import type { TurnError } from '../conversation/turn';
import { proxyOfFailure } from '../network/proxyFailures';
import { BASE_URL_ACTION, causeCodes, causeMessages, hostName } from './errorDetails';

/**
 * Failures before any HTTP answer: DNS, TLS, the proxy, the socket. Through a proxy the tunnel hides the server, so
 * a refused or unresolvable connection is the proxy's, and the message names the proxy (scheme://host:port only).
 */

const PROXY_SETTINGS = 'http.proxy (or HTTPS_PROXY / HTTP_PROXY in the environment VS Code starts from)';
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

export function describeConnection(error: APIConnectionError, host: string): TurnError {
  const codes = causeCodes(error);
  const proxy = proxyOfFailure(error);
  const tlsCode = codes.find((c) => TLS_CODE.test(c));
  if (tlsCode) return describeTls(tlsCode, host, proxy);
  const tunnelStatus = proxyTunnelStatus(error);
  if (proxy && tunnelStatus !== undefined) return describeTunnelRefused(tunnelStatus, proxy, host);
  if (proxy && codes.some((c) => UNREACHABLE_CODES.has(c))) return describeProxyUnreachable(codes, proxy);
  if (codes.some((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN')) {
    return {
      kind: 'dns',
      title: 'Cannot find the server',
      detail: `The host name ${hostName(host)} could not be resolved.`,
      action: `${BASE_URL_ACTION} Check the spelling of the host and your DNS or VPN.`,
    };
  }
  const refused = codes.includes('ECONNREFUSED');
  return {
    kind: 'connection',
    title: refused ? 'Connection refused' : 'Cannot reach the server',
    detail: refused
      ? `Nothing is listening at ${host}.`
      : `The connection to ${host}${proxy ? ` through the proxy ${proxy}` : ''} failed${codes.length > 0 ? ` (${codes[0]})` : ''}.`,
    action: BASE_URL_ACTION,
  };
}

function describeTls(code: string, host: string, proxy: string | undefined): TurnError {
  const where = `TLS to ${host}${proxy ? ` through the proxy ${proxy}` : ''} failed (${code}).`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      kind: 'tls',
      title: 'The server’s certificate is out of date',
      detail: where,
      action: 'Check the computer’s clock. If it is right, the server (or a proxy that intercepts TLS) must renew its certificate.',
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'tls',
      title: 'The server’s certificate is for another name',
      detail: where,
      action: 'Check the host in threadline.baseUrl: it must be a name the certificate was issued for.',
    };
  }
  return {
    kind: 'tls',
    title: 'The server’s certificate was not trusted',
    detail: `${where} The certificate is signed by a certificate authority this computer does not trust${proxy ? ', as when a proxy intercepts TLS' : ''}.`,
    action: 'Add that CA’s certificate (a PEM file) to threadline.caCertificates, or name it in NODE_EXTRA_CA_CERTS, then send again.',
  };
}

/** undici reports a tunnel the proxy would not open as "Proxy response (407) !== 200 when HTTP Tunneling". */
function proxyTunnelStatus(error: unknown): number | undefined {
  for (const message of causeMessages(error)) {
    const match = /Proxy response \((\d{3})\)/.exec(message);
    if (match) return Number(match[1]);
    if (/Proxy Authentication Required/i.test(message)) return 407;
  }
  return undefined;
}

function describeTunnelRefused(status: number, proxy: string, host: string): TurnError {
  if (status === 407) {
    return {
      kind: 'proxy_auth',
      title: 'The proxy asks for a login',
      detail: `The proxy ${proxy} refused the user name and password it was sent, or was sent none (407 Proxy Authentication Required).`,
      action: `Put the proxy’s user name and password in ${PROXY_SETTINGS} as http://USER:PASSWORD@host:port, or correct them there. Proxies that accept only NTLM or Kerberos logins are not supported.`,
    };
  }
  const unreachableServer = status === 502 || status === 503 || status === 504;
  return {
    kind: 'proxy_rejected',
    title: unreachableServer ? 'The proxy cannot reach the server' : `The proxy refused the connection (${status})`,
    detail: `The proxy ${proxy} answered ${status} when asked to connect to ${host}.`,
    action: unreachableServer
      ? `Check the host in threadline.baseUrl. If the server is on your network, add it to http.noProxy.`
      : `The proxy does not let this host through: ask its administrator, or add the host to http.noProxy if it can be reached without the proxy.`,
  };
}

function describeProxyUnreachable(codes: string[], proxy: string): TurnError {
  const proxyHost = hostName(new URL(proxy).host);
  const code = codes.find((c) => UNREACHABLE_CODES.has(c)) ?? codes[0];
  const detail =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? `The proxy’s host name ${proxyHost} could not be resolved.`
      : code === 'ECONNREFUSED' ? `Nothing is listening at the proxy ${proxy}.`
        : `The connection to the proxy ${proxy} failed (${code}).`;
  return {
    kind: 'proxy_unreachable',
    title: 'Cannot reach the proxy',
    detail,
    action: `Check ${PROXY_SETTINGS}, and that the proxy is running. If this server needs no proxy, add its host to http.noProxy.`,
  };
}
