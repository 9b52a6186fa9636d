import { rootCertificates } from 'node:tls';
import { Agent, type Dispatcher, ProxyAgent, fetch as undiciFetch } from 'undici';
import { markProxiedFailure } from './proxyFailures';

export type CreateHttpTransport = typeof createHttpTransport;

/**
 * How the SDK's requests reach the network when the defaults will not do: through a proxy, or trusting extra CA
 * certificates. undici's dispatcher must be paired with undici's own fetch (the openai SDK says so: Node's built-in
 * fetch bundles another undici), so the transport carries both and the SDK gets `fetch` plus `fetchOptions`.
 *
 * undici is larger than the rest of the extension, so this file is its own bundle (dist/httpTransport.js), loaded
 * only when a proxy or an extra CA is configured: nothing else may import it except as a type.
 */
export interface HttpTransport {
  readonly fetch: typeof fetch;
  readonly dispatcher: Dispatcher;
  /** `direct`, or the proxy as scheme://host:port: safe for logs, never credentials. */
  readonly route: string;
  /** What a provider's identity compares: the same transport object serialises the same; a rebuilt one differs. */
  toJSON(): string;
  /** Lets requests in flight finish, then closes the connections. */
  close(): Promise<void>;
}

export interface TransportOptions {
  /** The proxy to tunnel through (CONNECT); its URL may carry a user name and password. */
  proxy?: { url: URL; display: string };
  /** PEM certificates trusted besides Node's built-in roots. */
  extraCa: readonly string[];
  /**
   * VS Code's `http.proxyStrictSSL`. False skips certificate checks on proxied connections only, as a proxy that
   * intercepts TLS is what it is for; direct connections are always verified.
   */
  strictSSL: boolean;
}

let built = 0;

/**
 * `markFailure` records a failed request that went through the proxy; it is passed in because this bundle's copy
 * of proxyFailures is not the one the error messages read.
 */
export function createHttpTransport(options: TransportOptions, markFailure = markProxiedFailure): HttpTransport {
  const id = ++built;
  const ca = options.extraCa.length > 0 ? [...rootCertificates, ...options.extraCa] : undefined;
  const proxy = options.proxy;
  const dispatcher: Dispatcher = proxy ? proxyAgent(proxy.url, ca, options.strictSSL) : new Agent(ca ? { connect: { ca } } : {});
  const route = proxy ? proxy.display : 'direct';
  const transportFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    try {
      return await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as object), dispatcher } as Parameters<typeof undiciFetch>[1]);
    } catch (error) {
      if (proxy) markFailure(error, proxy.display);
      throw error;
    }
  }) as unknown as typeof fetch;
  return {
    fetch: transportFetch,
    dispatcher,
    route,
    toJSON: () => `transport ${id} ${route}${ca ? ` +${options.extraCa.length} CA` : ''}${proxy && !options.strictSSL ? ' unverified' : ''}`,
    close: () => dispatcher.close(),
  };
}

/** Credentials go in the Proxy-Authorization header only, so the agent's URL (and anything echoing it) has none. */
function proxyAgent(url: URL, ca: string[] | undefined, strictSSL: boolean): ProxyAgent {
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  const tls = { ...(ca ? { ca } : {}), ...(strictSSL ? {} : { rejectUnauthorized: false }) };
  return new ProxyAgent({
    uri: bare.href,
    ...(user || password ? { token: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {}),
    requestTls: tls,
    proxyTls: tls,
  });
}
