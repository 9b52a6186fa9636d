import * as l10n from '@vscode/l10n';
import { isAboutModel } from './errors';

/**
 * Reads the HTTP reply to a first request, for the dialect auto-detect (dialect.ts): did this address answer with
 * an event stream, or does it have no such route? Sits in the SDK's fetch, so it sees the status, headers and
 * (for a 404) the body before the SDK turns them into an error, and keeps one verdict per probe.
 *
 * The rule, "no such route" against everything else:
 *   - 405 Method Not Allowed, 501 Not Implemented: no such route, whatever the body says;
 *   - 404: no such route, unless the body is JSON whose `error` names a model or deployment (OpenAI's and Ollama's
 *     `model_not_found`, vLLM's "The model `x` does not exist", flat or nested, Azure's DeploymentNotFound). That is "no such model"
 *     from a server that does have the API, and switching would only hide it. A text or HTML page, FastAPI's
 *     `{"detail":"Not Found"}`, or OpenAI's "Invalid URL (POST /v1/responses)" are all "no such route";
 *   - 2xx that is not `text/event-stream` (LM Studio answers unknown routes 200 with a JSON error): no such route;
 *   - 2xx event stream: the API is there. Anything else (401, 429, 5xx, a 400): says nothing about the route.
 */

export type ProbeVerdict =
  | { kind: 'event-stream' }
  | { kind: 'missing'; reason: string }
  | { kind: 'other'; status: number };

export class RouteProbe {
  /** The last reply's verdict (the SDK may retry); undefined when no reply came at all. */
  verdict: ProbeVerdict | undefined;

  constructor(private readonly base: typeof globalThis.fetch = globalThis.fetch) {}

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const response = await this.base.call(undefined, input, init);
    const verdict = await classifyReply(response);
    this.verdict = verdict;
    // A 501 is a missing route, not a passing fault: the SDK would otherwise retry it with backoff.
    if (verdict.kind === 'missing' && response.status >= 500) {
      const headers = new Headers(response.headers);
      headers.set('x-should-retry', 'false');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    return response;
  };
}

export async function classifyReply(response: Response): Promise<ProbeVerdict> {
  const contentType = response.headers.get('content-type') ?? '';
  const { status } = response;
  if (status === 405 || status === 501) return { kind: 'missing', reason: l10n.t('answered {0}', `${status}${describeBody(contentType)}`) };
  if (status === 404) {
    const body = await response.clone().text().catch(() => '');
    return namesModel(body) ? { kind: 'other', status } : { kind: 'missing', reason: l10n.t('answered {0}', `404${describeBody(contentType)}`) };
  }
  if (response.ok) {
    return /text\/event-stream/i.test(contentType)
      ? { kind: 'event-stream' }
      : { kind: 'missing', reason: l10n.t('answered {0} with {1}, not an event stream', status, contentType || l10n.t('no content type')) };
  }
  return { kind: 'other', status };
}

/** True when the body is a JSON error about a model or deployment: its `error` object or string, or a flat error. */
export function namesModel(body: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return false;
  }
  // OpenAI nests the error under `error`; older vLLM sends it flat (`{"object":"error","message":…}`).
  const record = (parsed ?? {}) as { error?: unknown; message?: unknown };
  const error = record.error ?? (typeof record.message === 'string' ? record : undefined);
  if (typeof error === 'string') return isAboutModel(undefined, error);
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return isAboutModel(typeof code === 'string' ? code : undefined, typeof message === 'string' ? message : '');
}

function describeBody(contentType: string): string {
  const type = contentType.split(';')[0].trim();
  return type ? ` (${type})` : '';
}
