import * as assert from 'node:assert/strict';
import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHECKPOINT_FILE, ConversationStore, LOG_FILE } from '../../support/legacy/conversationStore';
import { RecordingLogger } from '../provider/support';
import { makeTurn, removeDir, tempDir } from '../conversation/support';

describe('ConversationStore', () => {
  let dir = '';
  let logger: RecordingLogger;
  beforeEach(async () => {
    dir = await tempDir();
    logger = new RecordingLogger();
  });
  afterEach(() => removeDir(dir));

  const open = (options = {}) => ConversationStore.open(dir, logger, { checkpointIntervalMs: 20, ...options });

  it('appends finished turns and reads them back after a reopen, leaving no temporary files', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await store.commit(makeTurn(2, { status: 'failed', error: { kind: 'server', title: 'x', detail: 'y' } }));
    const { store: again, recoveredFromCorruption } = await open();
    assert.equal(recoveredFromCorruption, undefined);
    assert.deepEqual(again.turns, [makeTurn(1), makeTurn(2, { status: 'failed', error: { kind: 'server', title: 'x', detail: 'y' } })]);
    assert.deepEqual((await readdir(dir)).sort(), [LOG_FILE]);
    const lines = (await readFile(join(dir, LOG_FILE), 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 3, 'a header and one line per turn');
    assert.equal(JSON.parse(lines[0]).format, 'threadline-conversation');
  });

  it('never rewrites the log while a turn streams: progress only touches the small checkpoint file', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    const logBefore = await readFile(join(dir, LOG_FILE), 'utf8');
    const live = makeTurn(2, { status: 'streaming', assistantText: '', responseId: undefined, usage: undefined, finishedAt: undefined });
    store.begin(live);
    for (let i = 0; i < 500; i++) {
      live.assistantText += `word${i} `;
      store.progress(live);
    }
    await store.flush();
    assert.equal(await readFile(join(dir, LOG_FILE), 'utf8'), logBefore);
    const checkpoint = JSON.parse(await readFile(join(dir, CHECKPOINT_FILE), 'utf8'));
    assert.equal(checkpoint.turn.assistantText, live.assistantText, 'flush writes the latest state');
    await store.commit({ ...live, status: 'complete' });
    assert.ok(!(await readdir(dir)).includes(CHECKPOINT_FILE), 'the checkpoint goes once the turn is committed');
  });

  it('recovers a turn left streaming by a crash as stopped, with its checkpointed text', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    const live = makeTurn(2, { status: 'streaming', assistantText: 'partial answ', responseId: undefined, usage: undefined, finishedAt: undefined });
    store.begin(live);
    await store.flush();
    // No commit: the process "dies" here.
    const { store: after, recoveredFromCorruption } = await open();
    assert.equal(recoveredFromCorruption, undefined);
    assert.equal(after.turns.length, 2);
    assert.equal(after.turns[1].status, 'stopped');
    assert.equal(after.turns[1].assistantText, 'partial answ');
    assert.ok(after.turns[1].finishedAt);
    assert.match(after.turns[1].notice ?? '', /streaming/);
    assert.ok(!(await readdir(dir)).includes(CHECKPOINT_FILE));
    const third = await open();
    assert.equal(third.store.turns[1].status, 'stopped', 'the recovery itself was persisted');
  });

  it('moves an unparseable store aside, starts fresh and reports it', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await appendFile(join(dir, LOG_FILE), '{"op":"put", this is not json}\n');
    const original = await readFile(join(dir, LOG_FILE), 'utf8');
    const { store: fresh, recoveredFromCorruption } = await open();
    assert.ok(recoveredFromCorruption);
    assert.match(recoveredFromCorruption.reason, /line 3 is not valid JSON/);
    assert.equal(await readFile(recoveredFromCorruption.backupPath, 'utf8'), original, 'the backup keeps every byte');
    assert.match(recoveredFromCorruption.backupPath, /conversation\.corrupt-\d{4}-\d\d-\d\dT.*\.jsonl$/);
    assert.equal(fresh.turns.length, 0);
    await fresh.commit(makeTurn(5));
    assert.deepEqual((await open()).store.turns.map((t) => t.id), ['turn-5']);
  });

  it('treats schema-invalid records and a foreign header as corruption too', async () => {
    await open();
    await appendFile(join(dir, LOG_FILE), `${JSON.stringify({ op: 'put', turn: { ...makeTurn(1), status: 'exploded' } })}\n`);
    const schema = await open();
    assert.match(schema.recoveredFromCorruption?.reason ?? '', /line 2 is not a valid record \(turn\.status/);
    await writeFile(join(dir, LOG_FILE), '{"hello":"world"}\n');
    const foreign = await open();
    assert.match(foreign.recoveredFromCorruption?.reason ?? '', /line 1 is not a Threadline conversation header/);
  });

  it('drops a torn last line (a crash mid-append) without calling it corruption, and rewrites the file clean', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await appendFile(join(dir, LOG_FILE), '{"op":"put","turn":{"id":"turn-2","us');
    const { store: after, recoveredFromCorruption } = await open();
    assert.equal(recoveredFromCorruption, undefined);
    assert.deepEqual(after.turns.map((t) => t.id), ['turn-1']);
    assert.ok((await readFile(join(dir, LOG_FILE), 'utf8')).endsWith('\n'));
    await after.commit(makeTurn(3));
    assert.deepEqual((await open()).store.turns.map((t) => t.id), ['turn-1', 'turn-3']);
  });

  it('moves an unreadable checkpoint aside and reports it, keeping the transcript', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await writeFile(join(dir, CHECKPOINT_FILE), '{"version":1,');
    const { store: after, recoveredFromCorruption } = await open();
    assert.match(recoveredFromCorruption?.reason ?? '', /inflight\.json is unreadable/);
    assert.deepEqual(after.turns.map((t) => t.id), ['turn-1']);
  });

  it('remove and re-put are appended; compaction rewrites the log once superseded records pile up', async () => {
    const { store } = await open();
    for (let i = 0; i < 10; i++) await store.commit(makeTurn(i));
    await store.remove('turn-9');
    for (let i = 0; i < 201; i++) await store.commit(makeTurn(0, { assistantText: `edit ${i}` }));
    const lines = (await readFile(join(dir, LOG_FILE), 'utf8')).trimEnd().split('\n');
    assert.ok(lines.length < 20, `compacted: not one line per record written (got ${lines.length} lines for 212 records)`);
    const { store: again } = await open();
    assert.equal(again.turns.length, 9);
    assert.equal(again.turns[0].assistantText, 'edit 200');
    assert.deepEqual(again.turns.map((t) => t.id), store.turns.map((t) => t.id));
  });

  it('archive keeps every earlier conversation in its own file and starts empty', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    const firstArchive = await store.archive();
    await store.commit(makeTurn(2));
    const secondArchive = await store.archive();
    assert.ok(firstArchive && secondArchive && firstArchive !== secondArchive);
    assert.equal(await store.archive(), undefined, 'an empty conversation leaves no archive');
    assert.deepEqual(await store.archives(), [firstArchive, secondArchive].sort());
    assert.equal(store.turns.length, 0);
    const { store: again } = await open();
    assert.equal(again.turns.length, 0);
    assert.match(await readFile(firstArchive, 'utf8'), /"turn-1"/);
    assert.match(await readFile(secondArchive, 'utf8'), /"turn-2"/);
  });

  it('ignores a checkpoint that belongs to an archived conversation', async () => {
    const { store } = await open();
    const oldId = store.conversationId;
    store.begin(makeTurn(1, { status: 'streaming' }));
    await store.flush();
    const stale = await readFile(join(dir, CHECKPOINT_FILE), 'utf8');
    await store.archive();
    await writeFile(join(dir, CHECKPOINT_FILE), stale);
    const { store: again } = await open();
    assert.notEqual(again.conversationId, oldId);
    assert.equal(again.turns.length, 0);
  });

  it('holds 1,000 turns and reopens them in order', async () => {
    const { store } = await open();
    for (let i = 0; i < 1000; i++) void store.commit(makeTurn(i));
    await store.flush();
    const { store: again } = await open();
    assert.equal(again.turns.length, 1000);
    assert.equal(again.turns[999].id, 'turn-999');
    assert.deepEqual(again.turns[500], makeTurn(500));
  });
});
