import type { Turn } from '../conversation/turn';
import type { ConversationSummary } from '../store/libraryTypes';

export const JSON_EXPORT_FORMAT = 'threadline-conversation-export';

/**
 * A conversation as JSON: every turn exactly as stored (parts, annotations, usage, errors), with the title and
 * the workspace it came from. Meant to be read by programs, so nothing is reworded or left out.
 */
export function exportConversationJson(
  turns: readonly Turn[],
  summary?: Pick<ConversationSummary, 'id' | 'title' | 'createdAt' | 'workspace'>,
  /** The folder of the turns' images: each `images[]` reference is the file `<sha256>.<ext>` in it. */
  imageDir?: string,
): string {
  const document = {
    format: JSON_EXPORT_FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    ...(summary ? { conversation: { id: summary.id, title: summary.title, createdAt: summary.createdAt, workspace: summary.workspace.label } } : {}),
    ...(imageDir ? { imageDir } : {}),
    turns,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
