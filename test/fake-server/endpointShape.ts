import type { ServerResponse } from 'node:http';
import { sendJson } from './http';

/**
 * Which kind of server the fake plays, beyond the API it speaks: whether it has a /v1/responses route at all (for
 * the dialect auto-detect), whether it wants the key in Azure's `api-key` header, and what GET /v1/models lists.
 */

/**
 * How POST /v1/responses answers on a server without that API:
 *   present      the Responses API (the default);
 *   404-text     `404 page not found` as text/plain (Ollama's Go router before 0.13.3);
 *   404-html     an HTML error page (a reverse proxy or a static host);
 *   404-json     FastAPI's `{"detail":"Not Found"}` (vLLM and most Python servers);
 *   405          Method Not Allowed as text/plain;
 *   501          Not Implemented as text/plain;
 *   200-json     HTTP 200 with a JSON error that is not an event stream (LM Studio answers unknown routes so).
 */
export type ResponsesRoute = 'present' | '404-text' | '404-html' | '404-json' | '405' | '501' | '200-json';

export const RESPONSES_ROUTES: readonly ResponsesRoute[] = ['present', '404-text', '404-html', '404-json', '405', '501', '200-json'];

/** Answers a request for a route this server does not have; false when the route exists. */
export function answerMissingResponses(route: ResponsesRoute, method: string, path: string, res: ServerResponse): boolean {
  if (route === 'present' || !path.startsWith('/v1/responses')) return false;
  const text = (status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  switch (route) {
    case '404-text':
      text(404, '404 page not found');
      break;
    case '404-html':
      text(404, `<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL ${path} was not found on this server.</p></body></html>`, 'text/html; charset=utf-8');
      break;
    case '404-json':
      sendJson(res, 404, { detail: 'Not Found' });
      break;
    case '405':
      text(405, 'Method Not Allowed');
      break;
    case '501':
      text(501, 'Not Implemented');
      break;
    case '200-json':
      sendJson(res, 200, { error: `Unexpected endpoint or method. (${method} ${path})` });
      break;
  }
  return true;
}

/** Azure's 401 for a request without a valid `api-key` (its v1 API takes the key in that header). */
export function azureKeyRejection(res: ServerResponse): void {
  sendJson(res, 401, {
    error: {
      code: '401',
      message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    },
  });
}

/** GET /v1/models in the API's list shape. */
export function modelList(models: readonly string[]): Record<string, unknown> {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'threadline-fake' })) };
}
