import * as assert from 'node:assert/strict';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { filesUnder, turn, useLibraryRoot } from './support';

describe('ConversationLibrary: conversations, titles, history data', () => {
  const roots = useLibraryRoot();
  const library = roots.library;

  it('writes no conversation file until the first turn, then one log per writer that reopens the same', async () => {
    const lib = await library();
    const handle = await lib.create({ title: 'Not yet' });
    await lib.flush();
    assert.deepEqual(await filesUnder(lib.paths.conversationsDir), [], 'not even on flush (deactivate)');
    assert.deepEqual(await lib.list(), [], 'an empty new conversation is not history yet');
    await handle.commit(turn(1));
    await handle.commit(turn(2));
    assert.deepEqual(await filesUnder(lib.paths.conversationDir(handle.id)), [`${lib.writerId}.jsonl`]);
    const lines = (await readFile(join(lib.paths.conversationDir(handle.id), `${lib.writerId}.jsonl`), 'utf8')).trimEnd().split('\n');
    assert.equal(JSON.parse(lines[0]).format, 'threadline-log');
    assert.equal(JSON.parse(lines[0]).writerId, lib.writerId);

    const again = await library();
    const reopened = await again.open(handle.id);
    assert.deepEqual(reopened.turns, [turn(1), turn(2)]);
    assert.deepEqual(reopened.health, { kind: 'ok' });
  });

  it('titles come from the first user line, trimmed and cut near 80 characters, until renamed', async () => {
    const lib = await library();
    const handle = await lib.create();
    const long = `   \n  Why does the parser ${'really '.repeat(20)}fail?\nsecond line`;
    await handle.commit(turn(1, { userText: long }));
    let [summary] = await lib.list();
    assert.ok(summary.title.startsWith('Why does the parser really'));
    assert.ok([...summary.title].length <= 80, summary.title);
    assert.ok(summary.title.endsWith('…'));
    assert.equal(summary.titleSet, false);

    await lib.rename(handle.id, '  Parser bug  ');
    [summary] = await lib.list();
    assert.equal(summary.title, 'Parser bug');
    assert.equal(summary.titleSet, true);

    await lib.rename(handle.id, '');
    [summary] = await lib.list();
    assert.equal(summary.titleSet, false, 'an empty name goes back to the derived title');

    const other = await library();
    await other.refresh();
    assert.ok((await other.list())[0].title.startsWith('Why does the parser'));
  });

  it('lists pinned first, then by last activity, with turns, tokens, usage per model, personas and response ids', async () => {
    const lib = await library();
    const old = await lib.create();
    await old.commit(turn(1));
    const recent = await lib.create();
    await recent.commit(turn(5, { model: 'gpt-a', personaLabel: 'Code Reviewer' }));
    await recent.commit(turn(6, { model: 'gpt-b' }));
    await recent.commit(turn(7, { model: 'gpt-a', personaLabel: 'Code Reviewer' }));
    const pinned = await lib.create({ title: 'Pinned one' });
    await pinned.commit(turn(0));
    await lib.setPinned(pinned.id, true);

    const list = await lib.list();
    assert.deepEqual(list.map((s) => s.id), [pinned.id, recent.id, old.id]);
    const summary = list[1];
    assert.equal(summary.turnCount, 3);
    assert.equal(summary.totalTokens, 90);
    assert.deepEqual(summary.usageByModel, { 'gpt-a': { input: 20, cached: 8, output: 40 }, 'gpt-b': { input: 10, cached: 4, output: 20 } });
    assert.deepEqual(summary.personas, ['Code Reviewer', 'Coding Assistant']);
    assert.deepEqual(summary.storedResponseIds, ['resp_5', 'resp_6', 'resp_7']);
    assert.equal(summary.lastActivity, turn(7).finishedAt);
    assert.equal(summary.workspace.key, lib.workspace.key);
    assert.equal(list[0].title, 'Pinned one');
    assert.equal(list[0].titleSet, true);

    // Another host lists the same from the index alone, without opening a conversation.
    const other = await library();
    const fromIndex = await other.list();
    assert.deepEqual(fromIndex.map((s) => [s.id, s.turnCount, s.pinned]), list.map((s) => [s.id, s.turnCount, s.pinned]));
  });

  it('createFrom copies turns (a fork keeps response ids) and records where it came from', async () => {
    const lib = await library();
    const source = await lib.create();
    await source.commit(turn(1));
    await source.commit(turn(2));
    const fork = await lib.createFrom(source.turns.slice(0, 1), { title: 'Fork of question 1', forkedFrom: { conversationId: source.id, turnId: 'turn-0001' } });
    assert.deepEqual(fork.turns, [turn(1)]);
    assert.equal(await lib.open(fork.id), fork, 'one handle per conversation');
    const copied = await lib.createFrom([{ ...turn(5), status: 'streaming' }], { title: 'Copy' });
    assert.equal(copied.turns[0].status, 'stopped', 'nothing will finish a streaming turn in the copy');
    assert.notEqual(fork.turns[0], source.turns[0], 'a copy, not the same object');
    const other = await library();
    const reopened = await other.open(fork.id);
    assert.equal(reopened.turns[0].responseId, 'resp_1');
    assert.equal((await other.list()).find((s) => s.id === fork.id)?.title, 'Fork of question 1');
  });

  it('trash and restore are meta records; purge removes only what has been in the trash long enough', async () => {
    let now = 1_800_000_000_000;
    const lib = await library({ now: () => now });
    const keep = await lib.create();
    await keep.commit(turn(1));
    const gone = await lib.create();
    await gone.commit(turn(2));
    const restored = await lib.create();
    await restored.commit(turn(3));

    await lib.trash(gone.id);
    await lib.trash(restored.id);
    await lib.restore(restored.id);
    const list = await lib.list();
    assert.equal(list.find((s) => s.id === gone.id)?.trashedAt, now);
    assert.equal(list.find((s) => s.id === restored.id)?.trashedAt, undefined);

    assert.equal(await lib.purgeTrash(30 * 86_400_000), 0, 'not in the trash long enough');
    now += 31 * 86_400_000;
    assert.equal(await lib.purgeTrash(30 * 86_400_000), 1);
    assert.deepEqual((await lib.list()).map((s) => s.id).sort(), [keep.id, restored.id].sort());
    assert.ok(!(await readdir(lib.paths.conversationsDir)).includes(gone.id), 'its directory is gone');

    const other = await library({ now: () => now });
    assert.deepEqual((await other.list()).map((s) => s.id).sort(), [keep.id, restored.id].sort(), 'the tombstone tells other hosts');
  });

  it('does not purge a trashed conversation that a host wrote to after it was trashed', async () => {
    let now = 1_800_000_000_000;
    const a = await library({ now: () => now });
    const b = await library({ now: () => now });
    const handle = await a.create();
    await handle.commit(turn(1));
    await a.trash(handle.id);
    now += 1000;
    const onB = await b.open(handle.id);
    await onB.commit(turn(2));
    now += 31 * 86_400_000;
    assert.equal(await a.purgeTrash(30 * 86_400_000), 0);
    const again = await library();
    assert.equal((await again.open(handle.id)).turns.length, 2);
  });

  it('compacts its own log when superseded records pile up, and other hosts follow the rewrite', async () => {
    const a = await library();
    const b = await library();
    const handle = await a.create();
    await handle.commit(turn(1));
    const onB = await b.open(handle.id);
    await onB.commit(turn(3));
    const pathOfB = join(a.paths.conversationDir(handle.id), `${b.writerId}.jsonl`);
    const fileOfB = await readFile(pathOfB, 'utf8');
    const path = join(a.paths.conversationDir(handle.id), `${a.writerId}.jsonl`);
    for (let i = 0; i < 450; i++) await handle.commit(turn(1, { assistantText: `version ${i}` }));
    await handle.commit(turn(2));
    assert.equal(await readFile(pathOfB, 'utf8'), fileOfB, "a compaction never rewrites another writer's records");
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').length;
    assert.ok(lines < 260, `compacted to ${lines} lines`);
    assert.equal(await onB.refresh(), true);
    assert.deepEqual(onB.turns.map((t) => [t.id, t.assistantText]), [['turn-0001', 'version 449'], ['turn-0002', 'answer 2'], ['turn-0003', 'answer 3']]);
    assert.equal(await onB.refresh(), false, 'nothing changed since');
    assert.ok((await stat(path)).size > 0);
  });

  it('refuses an id that could leave the library directory', async () => {
    const lib = await library();
    await assert.rejects(() => lib.open('../elsewhere'), /Not a conversation id/);
    await assert.rejects(() => lib.rename('a/b', 'x'), /Not a conversation id/);
  });
});
