/**
 * Remembers which failed requests went through a proxy, so the error shown can name the proxy instead of the
 * server: with a tunnel, a refused or unresolvable connection is the proxy's. A WeakMap, so the SDK's error objects
 * are neither wrapped (its timeout detection reads them) nor changed.
 */
const proxiedFailures = new WeakMap<object, string>();

export function markProxiedFailure(error: unknown, proxy: string): void {
  if (error && typeof error === 'object') proxiedFailures.set(error, proxy);
}

/** The proxy (scheme://host:port, never credentials) a failure went through, looked up along its `cause` chain. */
export function proxyOfFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const proxy = proxiedFailures.get(current);
    if (proxy) return proxy;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
