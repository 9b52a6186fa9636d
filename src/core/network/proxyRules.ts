import { BlockList, isIP } from 'node:net';
import * as l10n from '@vscode/l10n';

/**
 * Which proxy, if any, a request to a URL goes through: VS Code's `http.proxy` and `http.noProxy` first, then the
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY environment, as VS Code itself resolves them. Pure, so every rule is tested
 * on plain Node.
 */

export interface ProxySettings {
  /** `http.proxy`; empty means the environment decides. */
  proxy: string;
  /** `http.noProxy`; empty means NO_PROXY decides. */
  noProxy: readonly string[];
}

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

export type ProxyChoice =
  /** Why no proxy: none is configured, or the target is on the no-proxy list. Written to the log, not shown. */
  | { kind: 'direct'; reason: 'unconfigured' | 'noProxy' }
  /** `url` may carry credentials: it goes to the proxy agent and nowhere else. `display` never does. */
  | { kind: 'proxy'; url: URL; display: string; source: string }
  /** A proxy was configured but cannot be used; `display` is safe to show. */
  | { kind: 'invalid'; display: string; source: string; problem: string };

const SUPPORTED_PROTOCOLS = new Set(['http:', 'https:']);

export function chooseProxy(target: string, settings: ProxySettings, env: ProxyEnvironment): ProxyChoice {
  const targetUrl = new URL(target);
  const configured = configuredProxy(targetUrl, settings, env);
  if (!configured) return { kind: 'direct', reason: 'unconfigured' };
  if (matchesNoProxy(targetUrl, noProxyEntries(settings, env))) return { kind: 'direct', reason: 'noProxy' };
  const parsed = parseProxyUrl(configured.value);
  if ('problem' in parsed) return { kind: 'invalid', display: parsed.display, source: configured.source, problem: parsed.problem };
  return { kind: 'proxy', url: parsed.url, display: proxyDisplay(parsed.url), source: configured.source };
}

/** As VS Code's proxy resolver: an https URL takes HTTPS_PROXY, else HTTP_PROXY; an http URL only HTTP_PROXY. */
function configuredProxy(target: URL, settings: ProxySettings, env: ProxyEnvironment): { value: string; source: string } | undefined {
  const fromSettings = settings.proxy.trim();
  if (fromSettings) return { value: fromSettings, source: 'http.proxy' };
  const names = target.protocol === 'https:'
    ? ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']
    : ['HTTP_PROXY', 'http_proxy'];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { value, source: name };
  }
  return undefined;
}

function noProxyEntries(settings: ProxySettings, env: ProxyEnvironment): string[] {
  const fromSettings = settings.noProxy.map((entry) => entry.trim()).filter(Boolean);
  if (fromSettings.length > 0) return fromSettings;
  return (env.NO_PROXY ?? env.no_proxy ?? '').split(/[\s,]+/).filter(Boolean);
}

/**
 * curl's NO_PROXY rules: `*` matches everything; a name matches itself and its subdomains (a leading `.` or `*.`
 * changes nothing); `host:port` only that port; an IP address itself, or a CIDR block the addresses inside it.
 */
export function matchesNoProxy(target: URL, entries: readonly string[]): boolean {
  const host = unbracket(target.hostname.toLowerCase()).replace(/\.$/, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return entries.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    if (entry.includes('/')) return inCidr(host, entry);
    const { name, entryPort } = splitPort(entry);
    if (entryPort && entryPort !== port) return false;
    const domain = name.replace(/^\*?\./, '').replace(/\.$/, '');
    if (!domain) return false;
    if (isIP(domain) || isIP(host)) return host === domain;
    return host === domain || host.endsWith(`.${domain}`);
  });
}

function splitPort(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1], entryPort: bracketed[2] };
  // A bare IPv6 address has several colons and no port.
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  return withPort ? { name: withPort[1], entryPort: withPort[2] } : { name: entry };
}

function inCidr(host: string, entry: string): boolean {
  const [network, bits] = entry.split('/');
  const family = isIP(network);
  const prefix = Number(bits);
  if (!family || family !== isIP(host) || !Number.isInteger(prefix)) return false;
  try {
    const block = new BlockList();
    block.addSubnet(network, prefix, family === 6 ? 'ipv6' : 'ipv4');
    return block.check(host, family === 6 ? 'ipv6' : 'ipv4');
  } catch {
    return false;
  }
}

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Environment values often leave out the scheme (`proxy.corp:3128`); curl and VS Code then assume http. */
function parseProxyUrl(value: string): { url: URL } | { display: string; problem: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { display: withoutCredentials(value), problem: l10n.t('it is not a URL') };
  }
  if (!SUPPORTED_PROTOCOLS.has(url.protocol)) {
    return { display: proxyDisplay(url), problem: l10n.t('{0} proxies are not supported (use an http:// or https:// proxy)', url.protocol.replace(':', '')) };
  }
  if (!url.hostname) return { display: proxyDisplay(url), problem: l10n.t('it names no host') };
  return { url };
}

/** scheme://host:port: what logs and messages may say about a proxy. Never its user name or password. */
export function proxyDisplay(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

function withoutCredentials(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//').replace(/^[^/@]*@/, '');
}
