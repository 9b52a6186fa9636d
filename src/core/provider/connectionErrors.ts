import * as l10n from '@vscode/l10n';
import type { APIConnectionError } from 'openai';
import type { TurnError } from '../turn/turnError';
import { proxyOfFailure } from '../network/proxyFailures';
import { baseUrlAction, causeCodes, causeMessages, hostName } from './errorDetails';

/**
 * Failures before any HTTP answer: DNS, TLS, the proxy, the socket. Through a proxy the tunnel hides the server, so
 * a refused or unresolvable connection is the proxy's, and the message names the proxy (scheme://host:port only).
 */

const proxySettings = (): string => l10n.t('http.proxy (or HTTPS_PROXY / HTTP_PROXY in the environment VS Code starts from)');
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
      title: l10n.t('Cannot find the server'),
      detail: l10n.t('The host name {0} could not be resolved.', hostName(host)),
      action: `${baseUrlAction()} ${l10n.t('Check the spelling of the host and your DNS or VPN.')}`,
    };
  }
  const refused = codes.includes('ECONNREFUSED');
  return {
    kind: 'connection',
    title: refused ? l10n.t('Connection refused') : l10n.t('Cannot reach the server'),
    detail: refused
      ? l10n.t('Nothing is listening at {0}.', host)
      : connectionFailed(host, proxy, codes[0]),
    action: baseUrlAction(),
  };
}

function describeTls(code: string, host: string, proxy: string | undefined): TurnError {
  const where = proxy ? l10n.t('TLS to {0} through the proxy {1} failed ({2}).', host, proxy, code) : l10n.t('TLS to {0} failed ({1}).', host, code);
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return {
      kind: 'tls',
      title: l10n.t('The server’s certificate is out of date'),
      detail: where,
      action: l10n.t('Check the computer’s clock. If it is right, the server (or a proxy that intercepts TLS) must renew its certificate.'),
    };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      kind: 'tls',
      title: l10n.t('The server’s certificate is for another name'),
      detail: where,
      action: l10n.t('Check the host in threadline.baseUrl: it must be a name the certificate was issued for.'),
    };
  }
  return {
    kind: 'tls',
    title: l10n.t('The server’s certificate was not trusted'),
    detail: `${where} ${proxy
      ? l10n.t('The certificate is signed by a certificate authority this computer does not trust, as when a proxy intercepts TLS.')
      : l10n.t('The certificate is signed by a certificate authority this computer does not trust.')}`,
    action: l10n.t('Add that CA’s certificate (a PEM file) to threadline.caCertificates, or name it in NODE_EXTRA_CA_CERTS, then send again.'),
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
      title: l10n.t('The proxy asks for a login'),
      detail: l10n.t('The proxy {0} refused the user name and password it was sent, or was sent none (407 Proxy Authentication Required).', proxy),
      action: l10n.t('Put the proxy’s user name and password in {0} as http://USER:PASSWORD@host:port, or correct them there. Proxies that accept only NTLM or Kerberos logins are not supported.', proxySettings()),
    };
  }
  const unreachableServer = status === 502 || status === 503 || status === 504;
  return {
    kind: 'proxy_rejected',
    title: unreachableServer ? l10n.t('The proxy cannot reach the server') : l10n.t('The proxy refused the connection ({0})', status),
    detail: l10n.t('The proxy {0} answered {1} when asked to connect to {2}.', proxy, status, host),
    action: unreachableServer
      ? l10n.t('Check the host in threadline.baseUrl. If the server is on your network, add it to http.noProxy.')
      : l10n.t('The proxy does not let this host through: ask its administrator, or add the host to http.noProxy if it can be reached without the proxy.'),
  };
}

function describeProxyUnreachable(codes: string[], proxy: string): TurnError {
  const proxyHost = hostName(new URL(proxy).host);
  const code = codes.find((c) => UNREACHABLE_CODES.has(c)) ?? codes[0];
  const detail =
    code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? l10n.t('The proxy’s host name {0} could not be resolved.', proxyHost)
      : code === 'ECONNREFUSED' ? l10n.t('Nothing is listening at the proxy {0}.', proxy)
        : l10n.t('The connection to the proxy {0} failed ({1}).', proxy, String(code));
  return {
    kind: 'proxy_unreachable',
    title: l10n.t('Cannot reach the proxy'),
    detail,
    action: l10n.t('Check {0}, and that the proxy is running. If this server needs no proxy, add its host to http.noProxy.', proxySettings()),
  };
}

function connectionFailed(host: string, proxy: string | undefined, code: string | undefined): string {
  if (proxy) {
    return code
      ? l10n.t('The connection to {0} through the proxy {1} failed ({2}).', host, proxy, code)
      : l10n.t('The connection to {0} through the proxy {1} failed.', host, proxy);
  }
  return code ? l10n.t('The connection to {0} failed ({1}).', host, code) : l10n.t('The connection to {0} failed.', host);
}
