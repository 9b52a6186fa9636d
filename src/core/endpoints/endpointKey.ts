/**
 * What per-endpoint memory is keyed by: scheme, host and path of the base URL. Credentials and query strings never
 * reach a stored key, the host's case and a trailing slash do not make a second endpoint, and another port or
 * path (Ollama beside LM Studio on one machine) is another endpoint.
 */
export function endpointKey(baseURL: string): string {
  try {
    const url = new URL(baseURL.trim());
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return baseURL.trim().replace(/\/+$/, '');
  }
}
