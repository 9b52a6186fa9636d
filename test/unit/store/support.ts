import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Turn } from '../../../src/core/conversation/turn';
import { type FileConversationLibrary, type LibraryOptions, openConversationLibrary } from '../../../src/core/store/conversationLibrary';
import type { StoreHealth } from '../../../src/core/store/libraryTypes';
import { DURABLE_LIBRARY_OPS, type LibraryFileOps } from '../../../src/core/store/storeFiles';
import { RecordingLogger } from '../provider/support';

export const FOLDER = { folderUris: ['file:///home/dev/project'] };

export async function tempRoot(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'threadline-library-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export function turn(index: number, overrides: Partial<Turn> = {}): Turn {
  return {
    id: `turn-${String(index).padStart(4, '0')}`,
    origin: 'chat',
    userText: `question ${index}`,
    context: [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-test',
    assistantText: `answer ${index}`,
    refusalText: '',
    reasoningSummary: '',
    status: 'complete',
    responseId: `resp_${index}`,
    usage: { inputTokens: 10, cachedTokens: 4, outputTokens: 20, reasoningTokens: 0, totalTokens: 30 },
    startedAt: 1_700_000_000_000 + index * 1000,
    finishedAt: 1_700_000_000_500 + index * 1000,
    ...overrides,
  };
}

/** A turn as it starts streaming: no answer, no usage yet. */
export function streamingTurn(index: number, overrides: Partial<Turn> = {}): Turn {
  return turn(index, { status: 'streaming', assistantText: '', responseId: undefined, usage: undefined, finishedAt: undefined, ...overrides });
}

export interface TestLibrary {
  library: FileConversationLibrary;
  logger: RecordingLogger;
}

export async function openLibrary(root: string, options: Partial<LibraryOptions> = {}): Promise<FileConversationLibrary> {
  return openConversationLibrary({
    root,
    workspace: FOLDER,
    logger: new RecordingLogger(),
    checkpointIntervalMs: 20,
    initialRetryMs: 20,
    maxRetryMs: 200,
    ...options,
  });
}

/** Resolves at the first save state with nothing pending: the disk caught up, with no action from the test. */
export function savedToDisk(library: FileConversationLibrary): Promise<void> {
  return new Promise((resolve) => {
    const subscription = library.onEvents({
      saveStateChanged: (state) => {
        if (state.pending > 0) return;
        subscription.dispose();
        resolve();
      },
    });
  });
}

export function healthBecomes(library: FileConversationLibrary, kind: StoreHealth['kind']): Promise<StoreHealth> {
  return new Promise((resolve) => {
    const subscription = library.onEvents({
      healthChanged: (health) => {
        if (health.kind !== kind) return;
        subscription.dispose();
        resolve(health);
      },
    });
  });
}

/** Every file under `dir`, relative, sorted. */
export async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) found.push(...(await filesUnder(path, `${prefix}${name}/`)));
    else found.push(`${prefix}${name}`);
  }
  return found.sort();
}

/** Writes fail with ENOSPC while `full` is set, as on a full disk (a partial append leaves half a line, as a real one may). */
export function diskThatFills(): { ops: Partial<LibraryFileOps>; full: { value: boolean }; failures: number[] } {
  const full = { value: false };
  const failures: number[] = [];
  const enospc = (): Error => {
    failures.push(performance.now());
    return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const ops: Partial<LibraryFileOps> = {
    appendLines: async (path, lines) => {
      if (!full.value) return DURABLE_LIBRARY_OPS.appendLines(path, lines);
      await DURABLE_LIBRARY_OPS.appendLines(path, lines.slice(0, Math.floor(lines.length / 2))).catch(() => undefined);
      throw enospc();
    },
    writeFileAtomic: async (path, content) => {
      if (full.value) throw enospc();
      return DURABLE_LIBRARY_OPS.writeFileAtomic(path, content);
    },
    copyFile: async (from, to) => {
      if (full.value) throw enospc();
      return DURABLE_LIBRARY_OPS.copyFile(from, to);
    },
  };
  return { ops, full, failures };
}

/**
 * A fresh root directory for each test, and every library a test opens through `library` disposed (its timers
 * stopped, its writes finished) before the root is removed.
 */
export function useLibraryRoot(): {
  readonly root: string;
  /** The libraries opened through `library` and not yet disposed, oldest first. */
  readonly opened: FileConversationLibrary[];
  library(options?: Partial<LibraryOptions>): Promise<FileConversationLibrary>;
} {
  let root = '';
  const open: FileConversationLibrary[] = [];
  beforeEach(async () => {
    root = await tempRoot();
  });
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.dispose();
    await removeDir(root);
  });
  return {
    get root() {
      return root;
    },
    opened: open,
    async library(options: Partial<LibraryOptions> = {}) {
      const opened = await openLibrary(root, options);
      open.push(opened);
      return opened;
    },
  };
}
