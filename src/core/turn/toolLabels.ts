import type { ToolPart } from './turnParts';

/** The one line a tool part is shown as, e.g. "Searching the web: berlin events today". Plain text. */
export function toolLabel(part: ToolPart): string {
  const done = part.status === 'completed';
  const failed = part.status === 'failed' || part.status === 'incomplete';
  const subject = part.subject?.trim() ? part.subject.trim() : undefined;
  const withSubject = (verb: string) => (subject ? `${verb}: ${subject}` : verb);
  switch (part.itemType) {
    case 'web_search_call':
      if (part.action === 'open_page') return withSubject(failed ? 'Could not open page' : done ? 'Opened page' : 'Opening page');
      if (part.action === 'find' || part.action === 'find_in_page') return withSubject(failed ? 'Could not search in page' : done ? 'Searched in page' : 'Searching in page');
      return withSubject(failed ? 'Web search failed' : done ? 'Searched the web' : 'Searching the web');
    case 'file_search_call':
      return withSubject(failed ? 'File search failed' : done ? 'Searched files' : 'Searching files');
    case 'code_interpreter_call':
      return failed ? 'Running code failed' : done ? 'Ran code' : 'Running code';
    case 'image_generation_call':
      return failed ? 'Image generation failed' : done ? 'Generated an image' : 'Generating an image';
    case 'compaction':
      return 'Compacted the conversation';
    case 'function_call':
    case 'custom_tool_call':
    case 'mcp_call':
      return withSubject(failed ? 'Tool call failed' : done ? 'Called tool' : 'Calling tool');
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
