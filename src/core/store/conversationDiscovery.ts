import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { LibraryIndex } from './libraryIndex';
import { type LibraryPaths, isConversationId } from './storePaths';

/**
 * Conversation directories the index does not name: their writer stopped between its records and its summary,
 * or the index was damaged. The library reads each once, which writes the missing summary. The listing is read
 * again only when the directory changed (a conversation appeared or went), so a refresh costs one stat here.
 * A purged conversation's directory is skipped unless a file in it was written after the purge: someone went
 * on with it, and it comes back.
 */
export async function unindexedConversations(
  paths: LibraryPaths,
  index: Pick<LibraryIndex, 'entry'>,
  lastTime: number | undefined,
  loaded: (conversationId: string) => boolean,
): Promise<{ ids: string[]; time: number | undefined }> {
  let names: string[];
  let time: number;
  try {
    time = (await fs.stat(paths.conversationsDir)).mtimeMs;
    if (time === lastTime) return { ids: [], time };
    names = await fs.readdir(paths.conversationsDir);
  } catch {
    return { ids: [], time: lastTime };
  }
  const ids: string[] = [];
  for (const id of names) {
    if (!isConversationId(id) || loaded(id)) continue;
    const entry = index.entry(`c:${id}`);
    if (entry?.op === 'summary') continue;
    if (entry?.op === 'tombstone' && !(await writtenSince(paths.conversationDir(id), entry.at))) continue;
    ids.push(id);
  }
  return { ids, time };
}

async function writtenSince(dir: string, time: number): Promise<boolean> {
  try {
    for (const name of await fs.readdir(dir)) if ((await fs.stat(join(dir, name))).mtimeMs > time) return true;
  } catch {
    // Unreadable: nothing to bring back.
  }
  return false;
}
