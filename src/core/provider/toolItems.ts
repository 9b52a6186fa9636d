import type { ToolPart } from '../turn/turnParts';
import { type Item, asRecord, joined, text } from './eventFields';

/**
 * Output items that are neither messages nor reasoning, as one line of tool activity. Only what the line
 * needs is kept: an image generation's base64 result or a code run's output never reaches the transcript.
 */

const SUBJECT_LIMIT = 500;
/** A search lists about a dozen pages; a misbehaving server must not fill the store with thousands. */
const SOURCES_LIMIT = 50;

export function toolPartFrom(item: Item, earlier?: ToolPart): ToolPart {
  const action = asRecord(item.action);
  const part: ToolPart = { kind: 'tool', itemType: item.type };
  const itemId = text(item.id) ?? earlier?.itemId;
  if (itemId) part.itemId = itemId;
  const status = text(item.status) ?? earlier?.status;
  if (status) part.status = status;
  const actionType = text(action?.type) ?? earlier?.action;
  if (actionType && item.type === 'web_search_call') part.action = actionType;
  const subject = subjectOf(item, action) ?? earlier?.subject;
  if (subject) part.subject = subject.length > SUBJECT_LIMIT ? `${subject.slice(0, SUBJECT_LIMIT)}…` : subject;
  const sources = item.type === 'web_search_call' ? searchSources(action?.sources) : undefined;
  if (sources ?? earlier?.sources) part.sources = sources ?? earlier?.sources;
  return part;
}

/** `action.sources`: `{type: "url", url}` entries (a title when the server adds one); other kinds are skipped. */
function searchSources(raw: unknown): ToolPart['sources'] {
  if (!Array.isArray(raw)) return undefined;
  const sources: NonNullable<ToolPart['sources']> = [];
  for (const entry of raw) {
    const source = asRecord(entry);
    const url = text(source?.url);
    if (!url || sources.some((s) => s.url === url)) continue;
    const title = text(source?.title);
    sources.push(title ? { url, title } : { url });
    if (sources.length === SOURCES_LIMIT) break;
  }
  return sources.length > 0 ? sources : undefined;
}

function subjectOf(item: Item, action: Record<string, unknown> | undefined): string | undefined {
  switch (item.type) {
    case 'web_search_call': {
      if (!action) return undefined;
      if (action.type === 'open_page') return text(action.url);
      // `find` was renamed `find_in_page` (Dec 2025); both are read.
      if (action.type === 'find' || action.type === 'find_in_page') {
        const pattern = text(action.pattern);
        const url = text(action.url);
        return pattern ? `“${pattern}”${url ? ` in ${url}` : ''}` : url;
      }
      return text(action.query) ?? joined(action.queries);
    }
    case 'file_search_call':
      return joined(item.queries);
    case 'function_call':
    case 'custom_tool_call':
      return text(item.name);
    case 'mcp_call':
    case 'mcp_approval_request': {
      const server = text(item.server_label);
      const name = text(item.name);
      return server && name ? `${server} · ${name}` : name ?? server;
    }
    case 'mcp_list_tools':
      return text(item.server_label);
    case 'local_shell_call':
    case 'shell_call':
      return joined(asRecord(item.action)?.command, ' ');
    default:
      return undefined;
  }
}

/**
 * Streaming status events name the item type and the new status: `response.web_search_call.searching`.
 * Returns undefined for events that are not a status (deltas of code or arguments, partial images).
 */
export function toolStatusFromEvent(type: string): string | undefined {
  const match = /^response\.([a-z_]+_call|mcp_list_tools)\.([a-z_]+)$/.exec(type);
  if (!match) return undefined;
  const status = match[2];
  return ['in_progress', 'searching', 'interpreting', 'generating', 'completed', 'failed'].includes(status) ? status : undefined;
}
