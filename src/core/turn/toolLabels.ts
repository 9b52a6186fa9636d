import { wt } from '../l10n/webviewMessages';
import type { ToolPart } from './turnParts';

/** The one line a tool part is shown as, e.g. "Searching the web: berlin events today". Plain text. */
export function toolLabel(part: ToolPart): string {
  const done = part.status === 'completed';
  const failed = part.status === 'failed' || part.status === 'incomplete';
  const subject = part.subject?.trim() ? part.subject.trim() : undefined;
  const withSubject = (verb: string) => (subject ? `${verb}: ${subject}` : verb);
  switch (part.itemType) {
    case 'web_search_call':
      if (part.action === 'open_page') return withSubject(failed ? wt('tool.openPageFailed') : done ? wt('tool.openedPage') : wt('tool.openingPage'));
      if (part.action === 'find' || part.action === 'find_in_page') return withSubject(failed ? wt('tool.searchInPageFailed') : done ? wt('tool.searchedInPage') : wt('tool.searchingInPage'));
      return withSubject(failed ? wt('tool.webSearchFailed') : done ? wt('tool.searchedWeb') : wt('tool.searchingWeb'));
    case 'file_search_call':
      return withSubject(failed ? wt('tool.fileSearchFailed') : done ? wt('tool.searchedFiles') : wt('tool.searchingFiles'));
    case 'code_interpreter_call':
      return failed ? wt('tool.runningCodeFailed') : done ? wt('tool.ranCode') : wt('tool.runningCode');
    case 'image_generation_call':
      return failed ? wt('tool.imageFailed') : done ? wt('tool.generatedImage') : wt('tool.generatingImage');
    case 'compaction':
      return wt('tool.compacted');
    case 'function_call':
    case 'custom_tool_call':
    case 'mcp_call':
      return withSubject(failed ? wt('tool.toolFailed') : done ? wt('tool.calledTool') : wt('tool.callingTool'));
    default: {
      // Types this version does not know are named as the server named them, with their status.
      const status = part.status ? ` (${part.status.replace(/_/g, ' ')})` : '';
      return `${withSubject(part.itemType.replace(/_/g, ' '))}${status}`;
    }
  }
}

/** Whether the tool is still at work, for a spinner. */
export function toolIsActive(part: ToolPart): boolean {
  return part.status !== undefined && !['completed', 'failed', 'incomplete'].includes(part.status);
}
