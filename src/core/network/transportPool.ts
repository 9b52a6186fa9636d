import type { CreateHttpTransport, HttpTransport } from './httpTransport';
import { chooseProxy, type ProxyChoice, type ProxyEnvironment, type ProxySettings } from './proxyRules';

/** What requests must honour, read from settings and the environment by the host. */
export interface NetworkConfig {
  proxy: ProxySettings;
  /** VS Code's `http.proxyStrictSSL`. */
  strictSSL: boolean;
  /** PEM text of CA certificates to trust besides the built-in roots. */
  extraCa: readonly string[];
}

export interface TransportRoute {
  /** Undefined when nothing is configured: the runtime's own fetch is used. */
  transport?: HttpTransport;
  choice: ProxyChoice;
  /** True the first time this transport is handed out, so the host logs the route once. */
  isNew: boolean;
}

/**
 * The transports for one network configuration, one per route (each proxy, or direct), kept so connections stay
 * warm across turns. A new configuration gets a new pool; closing the old one lets requests in flight finish.
 */
export class TransportPool {
  private readonly transports = new Map<string, HttpTransport>();

  constructor(
    readonly config: NetworkConfig,
    private readonly env: ProxyEnvironment,
    /** createHttpTransport, or the host's loader of its separate bundle. */
    private readonly create: CreateHttpTransport,
  ) {}

  routeFor(baseURL: string): TransportRoute {
    const choice = chooseProxy(baseURL, this.config.proxy, this.env);
    const proxy = choice.kind === 'proxy' ? choice : undefined;
    if (!proxy && this.config.extraCa.length === 0) return { choice, isNew: false };
    // The map key may hold credentials; it never leaves this object.
    const key = proxy ? proxy.url.href : 'direct';
    const existing = this.transports.get(key);
    if (existing) return { transport: existing, choice, isNew: false };
    const transport = this.create({ proxy, extraCa: this.config.extraCa, strictSSL: this.config.strictSSL });
    this.transports.set(key, transport);
    return { transport, choice, isNew: true };
  }

  /** Requests in flight finish first (undici's close is graceful). */
  async close(): Promise<void> {
    const closing = [...this.transports.values()].map((t) => t.close());
    this.transports.clear();
    await Promise.allSettled(closing);
  }
}

/** One log line saying where requests to a host go: proxy as scheme://host:port only. */
export function routeLogLine(baseURL: string, route: TransportRoute, config: NetworkConfig): string {
  const host = new URL(baseURL).host;
  const extra = config.extraCa.length > 0 ? `, trusting ${config.extraCa.length} extra CA file(s)` : '';
  const { choice } = route;
  if (choice.kind === 'proxy') {
    return `requests to ${host} go through the proxy ${choice.display} (from ${choice.source})${extra}` +
      (config.strictSSL ? '' : ', certificates not verified (http.proxyStrictSSL is off)');
  }
  return `requests to ${host} go direct${choice.kind === 'direct' && choice.reason === 'noProxy' ? ' (no-proxy)' : ''}${extra}`;
}
