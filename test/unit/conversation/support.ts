import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationService, type ConversationListener, type ConversationServiceOptions, type ProviderFactory } from '../../../src/core/conversation/conversationService';
import { type FileConversationLibrary, openConversationLibrary } from '../../../src/core/store/conversationLibrary';
import type { LibraryFileOps } from '../../../src/core/store/storeFiles';
import type { Turn } from '../../../src/core/conversation/turn';
import type { Persona } from '../../../src/core/personas';
import { ResponsesProvider } from '../../../src/core/provider/responsesProvider';
import type { ProviderSettings } from '../../../src/core/provider/types';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { RecordingLogger, settingsFor } from '../provider/support';

export const REVIEWER: Persona = {
  id: 'reviewer',
  label: 'Code Reviewer',
  instructions: 'Review the code strictly.',
  temperature: 0.2,
  top_p: 0.8,
  max_output_tokens: 800,
};

export const TEACHER: Persona = { id: 'teacher', label: 'Patient Teacher', instructions: 'Explain step by step.' };

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'threadline-test-'));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface Harness {
  service: ConversationService;
  dir: string;
  logger: RecordingLogger;
  events: string[];
  /** Every busyChanged value, in order. */
  busy: boolean[];
  store: { value: boolean };
  library: FileConversationLibrary;
}

/** A service on a fresh directory whose provider talks to `baseURL` through the real SDK. */
export interface HarnessOptions {
  dir?: string;
  settings?: Partial<ProviderSettings>;
  factory?: ProviderFactory;
  /** Replaces disk operations of the library (a test makes the disk fail or hang). */
  fileOps?: Partial<LibraryFileOps>;
  reasoningSummary?: ConversationServiceOptions['reasoningSummary'];
  topLogprobs?: ConversationServiceOptions['topLogprobs'];
  contextBudget?: ConversationServiceOptions['contextBudget'];
  chainMemory?: ConversationServiceOptions['chainMemory'];
}

export async function openService(baseURL: string, options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? (await tempDir());
  const logger = new RecordingLogger();
  const store = { value: true };
  const provider = new ResponsesProvider(settingsFor(baseURL, options.settings), logger);
  const library = await openTestLibrary(dir, logger, options.fileOps);
  const service = await ConversationService.open({
    library,
    providerFactory: options.factory ?? (async () => provider),
    storeResponses: () => store.value,
    logger,
    ...(options.reasoningSummary ? { reasoningSummary: options.reasoningSummary } : {}),
    ...(options.topLogprobs ? { topLogprobs: options.topLogprobs } : {}),
    ...(options.contextBudget ? { contextBudget: options.contextBudget } : {}),
    ...(options.chainMemory ? { chainMemory: options.chainMemory } : {}),
  });
  const events: string[] = [];
  const listener: ConversationListener = {
    turnStarted: (turn) => events.push(`started ${turn.id}`),
    turnUpdated: (turn) => events.push(`updated ${turn.id} ${turn.status}`),
    turnRemoved: (id) => events.push(`removed ${id}`),
    reset: (turns) => events.push(`reset ${turns.length}`),
  };
  service.onEvent(listener);
  const busy: boolean[] = [];
  service.onEvent({ busyChanged: (value) => busy.push(value) });
  return { service, dir, logger, events, busy, store, library };
}

/** Every library a test opened: disposed (timers stopped, writes finished) before its directory is removed. */
const openLibraries = new Set<FileConversationLibrary>();

export async function disposeOpenLibraries(): Promise<void> {
  const libraries = [...openLibraries];
  openLibraries.clear();
  await Promise.all(libraries.map((library) => library.dispose().catch(() => undefined)));
}

/** The workspace every service test runs in: a library on `root`, checkpointing and retrying quickly. */
export async function openTestLibrary(root: string, logger = new RecordingLogger(), fileOps?: Partial<LibraryFileOps>): Promise<FileConversationLibrary> {
  const library = await openConversationLibrary({
    root,
    workspace: { folderUris: ['file:///threadline-test-workspace'] },
    logger,
    checkpointIntervalMs: 20,
    initialRetryMs: 20,
    maxRetryMs: 200,
    ...(fileOps ? { fileOps } : {}),
  });
  openLibraries.add(library);
  return library;
}

/** What is on disk must match what the service shows: reopen the store and compare. */
export async function assertPersisted(harness: Harness): Promise<void> {
  await harness.service.flush();
  await harness.library.flush();
  assert.deepEqual(stripVolatile(await storedTurns(harness.dir, harness.service.conversationId)), stripVolatile(harness.service.turns));
}

/** The turns of a conversation as another host reading the same directory sees them. */
export async function storedTurns(root: string, conversationId: string): Promise<readonly Turn[]> {
  const reader = await openTestLibrary(root);
  try {
    return (await reader.open(conversationId)).turns;
  } finally {
    await reader.dispose();
  }
}

function stripVolatile(turns: readonly Turn[]): unknown {
  return JSON.parse(JSON.stringify(turns));
}

/** Earlier turns are exactly as they were: same ids, text, status, ids and usage. */
export function assertUnchanged(before: readonly Turn[], after: readonly Turn[]): void {
  assert.ok(after.length >= before.length, 'no turn disappeared');
  assert.deepEqual(JSON.parse(JSON.stringify(after.slice(0, before.length))), JSON.parse(JSON.stringify(before)));
}

/** Polls until `condition` holds; fails with `what` after `limitMs` (a deadline, not a timing assertion). */
export async function waitFor(condition: () => boolean, what: string, limitMs = 5_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A finished turn with predictable content, for store tests. */
export function makeTurn(index: number, overrides: Partial<Turn> = {}): Turn {
  return {
    id: `turn-${index}`,
    origin: 'chat',
    userText: `question ${index}`,
    context: [],
    personaId: 'assistant',
    personaLabel: 'Coding Assistant',
    model: 'gpt-test',
    assistantText: `answer ${index} `.repeat(20),
    refusalText: '',
    reasoningSummary: '',
    status: 'complete',
    responseId: `resp_${index}`,
    usage: { inputTokens: 10, cachedTokens: 0, outputTokens: 20, reasoningTokens: 0, totalTokens: 30 },
    startedAt: 1_700_000_000_000 + index,
    finishedAt: 1_700_000_000_500 + index,
    sentWith: { instructions: 'Be brief.' },
    ...overrides,
  };
}


export interface FakeServerSuite {
  readonly server: FakeResponsesServer;
  /** Known once the suite's `before` hook has run. */
  baseURL(): string;
  /** Service folders to remove after the suite. */
  readonly dirs: string[];
}

/**
 * Registers the hooks every service suite needs: one fake server for the suite, reset before each test, and the
 * services' folders removed at the end.
 */
export function useFakeServerSuite(): FakeServerSuite {
  const server = new FakeResponsesServer();
  const dirs: string[] = [];
  let baseURL = '';
  before(async () => {
    baseURL = await server.start();
  });
  afterEach(disposeOpenLibraries);
  after(async () => {
    await disposeOpenLibraries();
    await server.stop();
    await Promise.all(dirs.map(removeDir));
  });
  beforeEach(() => {
    server.clearRequests();
    server.deltaDelayMs = 0;
    server.reply = undefined;
  });
  return { server, dirs, baseURL: () => baseURL };
}
