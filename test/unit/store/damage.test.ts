import * as assert from 'node:assert/strict';
import { mkdir, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileConversationLibrary } from '../../../src/core/store/conversationLibrary';
import type { StoreDamage } from '../../../src/core/store/libraryTypes';
import { filesUnder, openLibrary, removeDir, tempRoot, turn, useLibraryRoot } from './support';

const OTHER_WRITER = '0123456789abcdef';

/** A log as another host (long gone) left it: a header, then one put record per turn. */
function otherLog(conversationId: string, turns: number[], version = 1): string[] {
  const header = JSON.stringify({ op: 'header', format: 'threadline-log', version, kind: 'conversation', writerId: OTHER_WRITER, conversationId, createdAt: 1 });
  return [header, ...turns.map((i, seq) => JSON.stringify({ op: 'put', at: 1_700_000_000_000 + i, seq: seq + 1, turn: turn(i) }))];
}

describe('ConversationLibrary: damage costs only what is damaged', () => {
  const roots = useLibraryRoot();
  const library = roots.library;
  const open = roots.opened;

  /** Puts a conversation written by another writer in place; returns its directory and its log's path. */
  async function placeConversation(lines: string[] | string, id = 'c0nversation'): Promise<{ dir: string; path: string; id: string }> {
    const probe = await library();
    const dir = probe.paths.conversationDir(id);
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${OTHER_WRITER}.jsonl`);
    await writeFile(path, typeof lines === 'string' ? lines : `${lines.join('\n')}\n`);
    return { dir, path, id };
  }

  async function openWithDamage(id: string): Promise<{ turns: string[]; damage: StoreDamage[]; lib: FileConversationLibrary }> {
    // Found while the library opens (the conversation has no summary yet, so it is read then) or when it is opened.
    const lib = await library();
    const handle = await lib.open(id);
    return { turns: handle.turns.map((t) => t.id), damage: [...lib.damage], lib };
  }

  it('a garbage line in the middle skips that record only, backs the file up first, and is told once', async () => {
    const lines = otherLog('c0nversation', [1, 2, 3]);
    lines.splice(2, 0, 'this is not json {');
    const { path, id } = await placeConversation(lines);
    const original = await readFile(path, 'utf8');
    const { turns, damage } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001', 'turn-0002', 'turn-0003']);
    assert.equal(damage.length, 1);
    assert.equal(damage[0].path, path);
    assert.equal(damage[0].skippedRecords, 1);
    assert.equal(damage[0].tornTail, false);
    assert.match(damage[0].backupPath, /\.damaged-.*\.jsonl$/);
    assert.equal(await readFile(damage[0].backupPath, 'utf8'), original, 'the raw file as it was');
    assert.equal(await readFile(path, 'utf8'), original, "another writer's file is never rewritten");

    await open[open.length - 1].flush();
    const again = await openWithDamage(id);
    assert.deepEqual(again.turns, ['turn-0001', 'turn-0002', 'turn-0003']);
    assert.deepEqual(again.damage, [], 'the next window is not told again, and makes no second copy');
    assert.equal((await readdir(join(path, '..'))).filter((n) => n.includes('.damaged-')).length, 1);
  });

  it('flipped bytes in one record cost that record', async () => {
    const lines = otherLog('c0nversation', [1, 2, 3]);
    lines[2] = lines[2].replace('"put"', '"p\u0000t"').replace('"turn-0002"', '"turn-0002');
    const { id } = await placeConversation(lines);
    const { turns, damage } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001', 'turn-0003']);
    assert.equal(damage[0].skippedRecords, 1);
  });

  it('a damaged header costs the header, not the records after it', async () => {
    const lines = otherLog('c0nversation', [1, 2]);
    lines[0] = lines[0].slice(0, 20);
    const { id } = await placeConversation(lines);
    const { turns, damage } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001', 'turn-0002']);
    assert.equal(damage[0].skippedRecords, 1);
  });

  it('a zero-byte log is an empty log, not damage', async () => {
    const { id } = await placeConversation('');
    const { turns, damage, lib } = await openWithDamage(id);
    assert.deepEqual(turns, []);
    assert.deepEqual(damage, []);
    assert.deepEqual(lib.damage, []);
  });

  it('a torn last line is reported like a skipped record once its writer has been quiet a while', async () => {
    const lines = otherLog('c0nversation', [1, 2]);
    const { path, id } = await placeConversation(`${lines.join('\n')}\n${JSON.stringify({ op: 'put', at: 5, seq: 9, turn: turn(3) }).slice(0, 40)}`);
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    const { turns, damage } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001', 'turn-0002']);
    assert.equal(damage.length, 1);
    assert.equal(damage[0].tornTail, true);
    assert.equal(damage[0].skippedRecords, 1);
    assert.match(damage[0].reason, /cut short/);
  });

  it('a half line just written is an append under way: not damage, and read whole on the next refresh', async () => {
    const lines = otherLog('c0nversation', [1]);
    const next = JSON.stringify({ op: 'put', at: 1_700_000_000_002, seq: 2, turn: turn(2) });
    const { path, id } = await placeConversation(`${lines.join('\n')}\n${next.slice(0, 30)}`);
    const lib = await library();
    const handle = await lib.open(id);
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001']);
    await lib.flush();
    await writeFile(path, `${lines.join('\n')}\n${next}\n`);
    assert.equal(await handle.refresh(), true);
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
    assert.deepEqual(lib.damage, []);
  });

  it('a directory where a log should be is reported by path; the other writers\' turns are shown', async () => {
    const { dir, id } = await placeConversation(otherLog('c0nversation', [1]));
    await mkdir(join(dir, 'fedcba9876543210.jsonl'));
    const identity = join(dir, '..', '..', 'identity.json');
    await rm(identity);
    await mkdir(identity);
    const { turns, damage, lib } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001']);
    assert.equal(damage.length, 1);
    assert.equal(damage[0].path, join(dir, 'fedcba9876543210.jsonl'));
    assert.match(damage[0].reason, /directory/);
    assert.deepEqual(lib.health, { kind: 'ok' }, 'a directory in place of identity.json costs nothing else');
    const handle = await lib.open(id);
    await handle.commit(turn(2));
    assert.deepEqual((await (await library()).open(id)).turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
  });

  it('an unreadable checkpoint is backed up and reported; the turns are shown', async () => {
    const { dir, id } = await placeConversation(otherLog('c0nversation', [1]));
    await writeFile(join(dir, `${OTHER_WRITER}.inflight.json`), '{"format":"threadline-inflight", "tur');
    const { turns, damage } = await openWithDamage(id);
    assert.deepEqual(turns, ['turn-0001']);
    assert.equal(damage.length, 1);
    assert.match(damage[0].backupPath, /inflight\.damaged-.*\.json$/);
  });

  it('a conversation written by a newer version opens read-only, is never written, and keeps its file as it was', async () => {
    const { dir, path, id } = await placeConversation(otherLog('c0nversation', [1, 2], 2));
    const before = await readFile(path, 'utf8');
    const lib = await library();
    const handle = await lib.open(id);
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
    assert.equal(handle.health.kind, 'readOnly');
    await handle.commit(turn(3));
    await lib.flush();
    assert.deepEqual(await readdir(dir), [`${OTHER_WRITER}.jsonl`], 'nothing written beside it');
    assert.equal(await readFile(path, 'utf8'), before);
    await assert.rejects(() => lib.rename(id, 'x'), /newer version/);
    assert.deepEqual(lib.damage, [], 'newer is not damage');
  });

  it('an index written by a newer version makes the whole library read-only', async () => {
    const probe = await library();
    const conversation = await probe.create();
    await conversation.commit(turn(1));
    await probe.dispose();
    open.splice(open.indexOf(probe), 1);
    const header = JSON.stringify({ op: 'header', format: 'threadline-log', version: 7, kind: 'index', writerId: OTHER_WRITER, createdAt: 1 });
    await writeFile(join(probe.paths.indexDir, `${OTHER_WRITER}.jsonl`), `${header}\n{"op":"future"}\n`);
    const before = await filesUnder(probe.paths.workspaceDir);
    const lib = await library();
    assert.equal(lib.health.kind, 'readOnly');
    const handle = await lib.open(conversation.id);
    assert.equal(handle.health.kind, 'readOnly');
    await handle.commit(turn(2));
    await lib.flush();
    assert.deepEqual(await filesUnder(lib.paths.workspaceDir), before, 'not a file more');
  });

  it('leftover temporary files of finished writes are removed on open; a young one of a live process stays', async () => {
    const { dir, id } = await placeConversation(otherLog('c0nversation', [1]));
    const probe = await library();
    await mkdir(probe.paths.indexDir, { recursive: true });
    const deadPid = 2_147_483_000;
    await writeFile(join(dir, `.${OTHER_WRITER}.jsonl.${deadPid}.abc123.tmp`), 'half');
    await writeFile(join(probe.paths.indexDir, `.${OTHER_WRITER}.jsonl.${deadPid}.def456.tmp`), 'half');
    const young = `.${OTHER_WRITER}.inflight.json.${process.pid}.ghi789.tmp`;
    await writeFile(join(dir, young), 'being written');
    const lib = await library();
    await lib.open(id);
    await lib.flush();
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), [young]);
    assert.deepEqual((await readdir(lib.paths.indexDir)).filter((n) => n.endsWith('.tmp')), []);
  });
});

describe('ConversationLibrary: damage found after opening', () => {
  let root = '';
  let lib: FileConversationLibrary | undefined;
  beforeEach(async () => {
    root = await tempRoot();
  });
  afterEach(async () => {
    await lib?.dispose();
    await removeDir(root);
  });

  it('is announced when a refresh finds it, and added to the library\'s damage', async () => {
    lib = await openLibrary(root);
    const dir = lib.paths.conversationDir('c0nversation');
    await mkdir(dir, { recursive: true });
    const path = join(dir, `${OTHER_WRITER}.jsonl`);
    await writeFile(path, `${otherLog('c0nversation', [1]).join('\n')}\n`);
    const handle = await lib.open('c0nversation');
    const found: StoreDamage[] = [];
    lib.onEvents({ damageFound: (d) => found.push(d) });
    await writeFile(path, `${otherLog('c0nversation', [1, 2]).join('\n')}\n\u0000\u0000garbage\n`);
    await handle.refresh();
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
    assert.equal(found.length, 1);
    assert.equal(found[0].skippedRecords, 1);
    assert.deepEqual(lib.damage, found);
  });
});
