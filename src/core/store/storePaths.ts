import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileStamp } from './storeFiles';

/**
 * Where the library keeps what, under the root the host gives it (the extension's global storage):
 *   workspaces/<key>/identity.json                              which workspace this is (label, URIs)
 *   workspaces/<key>/index/<writerId>.jsonl                     one writer's conversation summaries
 *   workspaces/<key>/conversations/<id>/<writerId>.jsonl        one writer's records of one conversation
 *   workspaces/<key>/conversations/<id>/<writerId>.inflight.json  that writer's streaming turn
 *   workspaces/<key>/images/<id>/<sha256>.<ext>                  the conversation's images (imageStore.ts)
 * A writer id is 16 hex digits, new for every library instance (every extension host), so no two hosts ever
 * share a file they write to.
 */

export const WORKSPACES_DIR = 'workspaces';
export const IDENTITY_FILE = 'identity.json';
export const INDEX_DIR = 'index';
export const CONVERSATIONS_DIR = 'conversations';
export const IMAGES_DIR = 'images';

const WRITER_LOG = /^([0-9a-f]{16})\.jsonl$/;
const WRITER_CHECKPOINT = /^([0-9a-f]{16})\.inflight\.json$/;
/** Conversation ids become directory names: nothing that could climb out of the library or confuse a file system. */
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function newWriterId(): string {
  return randomBytes(8).toString('hex');
}

export function newConversationId(): string {
  return randomBytes(8).toString('hex');
}

export function isConversationId(id: string): boolean {
  return CONVERSATION_ID.test(id);
}

/** The writer of a log file, or undefined for anything else in the directory (backups, temporary files). */
export function logWriter(fileName: string): string | undefined {
  return WRITER_LOG.exec(fileName)?.[1];
}

export function checkpointWriter(fileName: string): string | undefined {
  return WRITER_CHECKPOINT.exec(fileName)?.[1];
}

export function logFileName(writerId: string): string {
  return `${writerId}.jsonl`;
}

export function checkpointFileName(writerId: string): string {
  return `${writerId}.inflight.json`;
}

/** `a.jsonl` → `a.damaged-<time>.jsonl`, `a.inflight.json` → `a.inflight.damaged-<time>.json`: beside the original. */
export function backupPath(path: string, time: number): string {
  const dot = path.lastIndexOf('.');
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const [stem, extension] = dot > slash ? [path.slice(0, dot), path.slice(dot)] : [path, ''];
  return `${stem}.damaged-${fileStamp(time)}${extension}`;
}

export class LibraryPaths {
  readonly workspaceDir: string;

  constructor(root: string, key: string) {
    this.workspaceDir = join(root, WORKSPACES_DIR, key);
  }

  get identity(): string {
    return join(this.workspaceDir, IDENTITY_FILE);
  }

  get indexDir(): string {
    return join(this.workspaceDir, INDEX_DIR);
  }

  get conversationsDir(): string {
    return join(this.workspaceDir, CONVERSATIONS_DIR);
  }

  get imagesDir(): string {
    return join(this.workspaceDir, IMAGES_DIR);
  }

  conversationDir(conversationId: string): string {
    return join(this.conversationsDir, conversationId);
  }

  /** A path as the user reads it in a message: relative to the workspace's directory. */
  relative(path: string): string {
    return path.startsWith(this.workspaceDir) ? path.slice(this.workspaceDir.length + 1) : path;
  }
}
