/**
 * Conversations put into the library before the editor starts (WorkbenchOptions.beforeStart): a log written as
 * another host left it, line by line in the library's format, or conversations made through the store's own API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Turn } from '../../../src/core/conversation/turn';
import type { Logger } from '../../../src/core/provider/types';
import { openConversationLibrary } from '../../../src/core/store/conversationLibrary';
import { type ConversationEntry, entryLine, headerLine } from '../../../src/core/store/logRecords';
import { type WorkspaceDescription, workspaceIdentity } from '../../../src/core/store/workspaceIdentity';
import type { SessionPaths } from '../workbenchSession';

const silent: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, isDebugEnabled: () => false };

/** A complete chat turn, answered in half a second; the rest of its fields are what every seeded turn shares. */
export function storedTurn({ id, userText, assistantText, startedAt, ...rest }: Pick<Turn, 'id' | 'userText' | 'assistantText' | 'startedAt'> & Partial<Turn>): Turn {
  return {
    id,
    origin: 'chat',
    userText,
    context: [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-4.1-mini',
    assistantText,
    refusalText: '',
    reasoningSummary: '',
    status: 'complete',
    usage: { inputTokens: 10, cachedTokens: 0, outputTokens: 20, reasoningTokens: 0, totalTokens: 30 },
    startedAt,
    finishedAt: startedAt + 500,
    ...rest,
  };
}

/** The library's key for the session's workspace folder: the directory its conversations are kept under. */
export function workspaceKey(workspace: string): string {
  return workspaceIdentity({ folderUris: [pathToFileURL(workspace).href] }).key;
}

/** The lines of a conversation log as host `writer` writes it: a header, then one `put` per turn. */
export function conversationLogLines(conversationId: string, writer: string, turns: readonly Turn[]): string[] {
  return [
    headerLine('conversation', writer, turns[0].startedAt, conversationId),
    ...turns.map((turn, seq) => {
      const entry: ConversationEntry = { op: 'put', turn, at: turn.finishedAt ?? turn.startedAt, seq: seq + 1, w: writer };
      return entryLine(entry, writer);
    }),
  ].map((line) => line.trimEnd());
}

/** Writes `text` as host `writer`'s log of `conversationId` in the library of the session's workspace; returns the file. */
export function placeConversationLog({ workspace, globalStorage }: SessionPaths, conversationId: string, writer: string, text: string): string {
  const dir = path.join(globalStorage, 'workspaces', workspaceKey(workspace), 'conversations', conversationId);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${writer}.jsonl`);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * Makes conversations through the store's own API in the library of `workspace` (another workspace than the
 * session's, say) and closes it; returns that workspace's directory in the library.
 */
export async function seedLibrary(globalStorage: string, workspace: WorkspaceDescription, conversations: ReadonlyArray<{ title: string; turns: readonly Turn[] }>): Promise<string> {
  const library = await openConversationLibrary({ root: globalStorage, workspace, logger: silent });
  for (const { title, turns } of conversations) await library.createFrom(turns, { title });
  await library.dispose();
  return library.paths.workspaceDir;
}
