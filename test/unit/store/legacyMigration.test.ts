import * as assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConversationStore } from '../../support/legacy/conversationStore';
import type { FileConversationLibrary } from '../../../src/core/store/conversationLibrary';
import { migrateLegacySlots } from '../../../src/core/store/legacyMigration';
import { RecordingLogger } from '../provider/support';
import { filesUnder, openLibrary, removeDir, streamingTurn, tempRoot, turn } from './support';

/** Slots as Threadline 0.1.0 wrote them, with its own store: `<id>` and `<id>-1`, each with archives. */
async function legacySlots(base: string): Promise<{ slots: string[]; ids: { current: string; archived: string; second: string } }> {
  const first = join(base, 'abc123', 'threadline');
  const second = join(base, 'abc123-1', 'threadline');
  const { store } = await ConversationStore.open(first, new RecordingLogger());
  await store.commit(turn(1, { userText: 'Archived question' }));
  const archivedId = store.conversationId;
  await store.archive();
  await store.commit(turn(2, { userText: 'Current question' }));
  await store.commit(turn(3));
  await store.flush();
  const { store: other } = await ConversationStore.open(second, new RecordingLogger());
  await other.commit(turn(4, { userText: 'From the second window' }));
  await other.flush();
  return { slots: [first, second], ids: { current: store.conversationId, archived: archivedId, second: other.conversationId } };
}

describe('migrateLegacySlots: 0.1.0 data', () => {
  let root = '';
  let legacy = '';
  const open: FileConversationLibrary[] = [];
  const library = async () => {
    const opened = await openLibrary(root);
    open.push(opened);
    return opened;
  };
  beforeEach(async () => {
    root = await tempRoot();
    legacy = await tempRoot();
  });
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.dispose();
    await removeDir(root);
    await removeDir(legacy);
  });

  it('imports every slot and archive as conversations under their original ids, leaving the legacy files as they were', async () => {
    const { slots, ids } = await legacySlots(legacy);
    const before = await Promise.all((await filesUnder(legacy)).map(async (f) => [f, await readFile(join(legacy, f), 'utf8')]));
    const lib = await library();
    const report = await migrateLegacySlots(lib, slots);
    assert.deepEqual(report.conversationIds.sort(), [ids.current, ids.archived, ids.second].sort());
    assert.equal(report.turns, 4);
    const list = await lib.list();
    assert.deepEqual(list.map((s) => [s.id, s.title, s.turnCount]).sort(), [
      [ids.archived, 'Archived question', 1],
      [ids.current, 'Current question', 2],
      [ids.second, 'From the second window', 1],
    ].sort());
    const after = await Promise.all((await filesUnder(legacy)).map(async (f) => [f, await readFile(join(legacy, f), 'utf8')]));
    assert.deepEqual(after, before, 'nothing changed or deleted in the slots');

    const fresh = await library();
    assert.deepEqual((await fresh.open(ids.current)).turns.map((t) => t.id), ['turn-0002', 'turn-0003']);
  });

  it('running twice, or on two hosts at once, imports each turn once; an unchanged file is not read again', async () => {
    const { slots, ids } = await legacySlots(legacy);
    const a = await library();
    const b = await library();
    await Promise.all([migrateLegacySlots(a, slots), migrateLegacySlots(b, slots)]);
    const again = await migrateLegacySlots(a, slots);
    assert.deepEqual(again, { conversationIds: [], turns: 0, filesRead: 0 });
    const fresh = await library();
    const list = await fresh.list();
    assert.equal(list.length, 3);
    assert.deepEqual((await fresh.open(ids.current)).turns.map((t) => t.id), ['turn-0002', 'turn-0003']);

    // A turn removed after the import is not brought back when the legacy file changes and is read again.
    const current = await fresh.open(ids.current);
    await current.remove('turn-0002');
    await appendFile(join(slots[0], 'conversation.jsonl'), `${JSON.stringify({ op: 'put', turn: turn(9) })}\n`);
    const third = await migrateLegacySlots(fresh, slots);
    assert.deepEqual(third.conversationIds, [ids.current]);
    assert.deepEqual(current.turns.map((t) => t.id), ['turn-0003', 'turn-0009']);
  });

  it('a damaged legacy file gives every turn it still holds, and the damage is reported', async () => {
    const slot = join(legacy, 'slot', 'threadline');
    await mkdir(slot, { recursive: true });
    const header = JSON.stringify({ op: 'header', format: 'threadline-conversation', version: 1, conversationId: 'feedfacefeedface', createdAt: 5 });
    const lines = [header, JSON.stringify({ op: 'put', turn: turn(1) }), '{garbage', JSON.stringify({ op: 'put', turn: turn(2) }), '{"op":"put","tu'];
    await writeFile(join(slot, 'conversation.jsonl'), lines.join('\n'));
    const lib = await library();
    const report = await migrateLegacySlots(lib, [slot]);
    assert.equal(report.turns, 2);
    assert.deepEqual((await lib.open('feedfacefeedface')).turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
    assert.equal(lib.damage.length, 1);
    assert.equal(lib.damage[0].skippedRecords, 2);
    assert.equal(lib.damage[0].tornTail, true);
    assert.match(lib.damage[0].backupPath, /conversation\.damaged-.*\.jsonl$/);
  });

  it('the same conversation in two slots is one entry; a checkpoint left by a crash comes back stopped', async () => {
    const header = JSON.stringify({ op: 'header', format: 'threadline-conversation', version: 1, conversationId: 'sharedsharedshar', createdAt: 5 });
    const slots = [join(legacy, 'a'), join(legacy, 'b')];
    for (const [i, slot] of slots.entries()) {
      await mkdir(slot, { recursive: true });
      await writeFile(join(slot, 'conversation.jsonl'), `${header}\n${JSON.stringify({ op: 'put', turn: turn(i + 1) })}\n`);
    }
    const checkpoint = { version: 1, conversationId: 'sharedsharedshar', savedAt: 1_700_000_009_000, turn: streamingTurn(7, { assistantText: 'half' }) };
    await writeFile(join(slots[1], 'inflight.json'), JSON.stringify(checkpoint));
    const lib = await library();
    await migrateLegacySlots(lib, slots);
    const list = await lib.list();
    assert.deepEqual(list.map((s) => [s.id, s.turnCount]), [['sharedsharedshar', 3]]);
    const turns = (await lib.open('sharedsharedshar')).turns;
    assert.deepEqual(turns.map((t) => [t.id, t.status]), [['turn-0001', 'complete'], ['turn-0002', 'complete'], ['turn-0007', 'stopped']]);
    assert.ok((await readdir(slots[1])).includes('inflight.json'), 'the legacy checkpoint stays');
  });
});
