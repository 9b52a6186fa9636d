import * as assert from 'node:assert/strict';
import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileConversationLibrary, LibraryOptions } from '../../../src/core/store/conversationLibrary';
import { INTERRUPTED_NOTICE, checkpointText } from '../../../src/core/store/checkpoints';
import { openLibrary, removeDir, streamingTurn, tempRoot, turn } from './support';

describe('ConversationLibrary: the streaming turn and its checkpoint', () => {
  let root = '';
  let copy = '';
  const open: FileConversationLibrary[] = [];
  const library = async (at: string, options: Partial<LibraryOptions> = {}) => {
    const opened = await openLibrary(at, options);
    open.push(opened);
    return opened;
  };
  beforeEach(async () => {
    root = await tempRoot();
    copy = await tempRoot();
  });
  afterEach(async () => {
    for (const opened of open.splice(0)) await opened.dispose();
    await removeDir(root);
    await removeDir(copy);
  });

  it('checkpoints the streaming turn at most once per interval, never touching the log, and drops it on commit', async () => {
    const lib = await library(root);
    const handle = await lib.create();
    await handle.commit(turn(1));
    const dir = lib.paths.conversationDir(handle.id);
    const logPath = join(dir, `${lib.writerId}.jsonl`);
    const logBefore = await readFile(logPath, 'utf8');
    const live = streamingTurn(2);
    handle.begin(live);
    for (let i = 0; i < 300; i++) {
      live.assistantText += `word${i} `;
      handle.progress(live);
    }
    await handle.flush();
    assert.equal(await readFile(logPath, 'utf8'), logBefore);
    const checkpoint = JSON.parse(await readFile(join(dir, `${lib.writerId}.inflight.json`), 'utf8'));
    assert.equal(checkpoint.turn.assistantText, live.assistantText, 'flush writes the latest state');
    assert.equal(checkpoint.pid, process.pid);
    await handle.commit({ ...live, status: 'complete' });
    assert.deepEqual(await readdir(dir), [`${lib.writerId}.jsonl`]);
  });

  it('after a crash mid-answer, the turn comes back stopped with its partial text, once its host is gone', async () => {
    const lib = await library(root);
    const handle = await lib.create();
    await handle.commit(turn(1));
    const live = streamingTurn(2);
    handle.begin(live);
    live.assistantText = 'partial answ';
    handle.progress(live);
    await handle.flush();
    // The disk as a crash would leave it, taken while the host still streams.
    await cp(root, copy, { recursive: true });

    const reader = await library(copy);
    const whileAlive = await reader.open(handle.id);
    assert.deepEqual(whileAlive.turns.map((t) => t.id), ['turn-0001'], 'never shown while its writer may still be streaming');

    await lib.dispose(); // the host is gone
    open.splice(open.indexOf(lib), 1);
    await whileAlive.refresh();
    assert.equal(whileAlive.turns.length, 2);
    const recovered = whileAlive.turns[1];
    assert.equal(recovered.status, 'stopped');
    assert.equal(recovered.assistantText, 'partial answ');
    assert.equal(recovered.notice, INTERRUPTED_NOTICE);
    await reader.flush();

    // The recovering host recorded it: a third host finds it as a stopped turn, and the leftover checkpoint is gone.
    const third = await library(copy);
    const seen = await third.open(handle.id);
    assert.deepEqual(seen.turns.map((t) => [t.id, t.status]), [['turn-0001', 'complete'], ['turn-0002', 'stopped']]);
    const files = await readdir(third.paths.conversationDir(handle.id));
    assert.deepEqual(files.filter((f) => f.endsWith('.inflight.json')), []);
  });

  it("another machine's checkpoint is shown only after the staleness window", async () => {
    let now = Date.now();
    const lib = await library(root, { now: () => now });
    const handle = await lib.create();
    await handle.commit(turn(1));
    const dir = lib.paths.conversationDir(handle.id);
    const elsewhere = JSON.parse(checkpointText('0123456789abcdef', handle.id, now, streamingTurn(2, { assistantText: 'from elsewhere' })));
    elsewhere.hostname = 'another-machine';
    await writeFile(join(dir, '0123456789abcdef.inflight.json'), JSON.stringify(elsewhere));

    await handle.refresh();
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001']);
    now += 119_000;
    await handle.refresh();
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001'], 'within two minutes the writer may still stream');
    now += 2_000;
    await handle.refresh();
    assert.deepEqual(handle.turns.map((t) => [t.id, t.status, t.assistantText]), [
      ['turn-0001', 'complete', 'answer 1'],
      ['turn-0002', 'stopped', 'from elsewhere'],
    ]);
  });

  it('a heartbeat rewrites the checkpoint while nothing streams (a model thinking), so the turn never looks stale', async () => {
    const lib = await library(root, { staleCheckpointMs: 200 });
    const handle = await lib.create();
    handle.begin(streamingTurn(1));
    await handle.flush();
    const path = join(lib.paths.conversationDir(handle.id), `${lib.writerId}.inflight.json`);
    const first = JSON.parse(await readFile(path, 'utf8')).savedAt as number;
    const later = await new Promise<number>((resolve) => {
      const poll = setInterval(async () => {
        const savedAt = JSON.parse(await readFile(path, 'utf8').catch(() => '{}')).savedAt as number | undefined;
        if (savedAt === undefined || savedAt <= first) return;
        clearInterval(poll);
        resolve(savedAt);
      }, 10);
    });
    assert.ok(later > first);
    await handle.commit(turn(1));
  });

  it('the writer\'s own final record replaces a stopped copy another host made of its turn', async () => {
    let now = Date.now();
    const a = await library(root, { now: () => now });
    const handle = await a.create();
    await handle.commit(turn(1));
    const dir = a.paths.conversationDir(handle.id);
    const elsewhere = JSON.parse(checkpointText('0123456789abcdef', handle.id, now, streamingTurn(2, { assistantText: 'so far' })));
    elsewhere.hostname = 'another-machine';
    await writeFile(join(dir, '0123456789abcdef.inflight.json'), JSON.stringify(elsewhere));
    now += 10 * 60_000;
    await handle.refresh();
    assert.equal(handle.turns[1].status, 'stopped');
    await a.flush();

    // The "gone" machine was only asleep: it finishes its answer with a later record.
    now += 1000;
    const late = JSON.stringify({ op: 'put', at: now, seq: 1, turn: turn(2, { assistantText: 'finished after all' }) });
    const header = JSON.stringify({ op: 'header', format: 'threadline-log', version: 1, kind: 'conversation', writerId: '0123456789abcdef', conversationId: handle.id, createdAt: now });
    await writeFile(join(dir, '0123456789abcdef.jsonl'), `${header}\n${late}\n`);
    await handle.refresh();
    assert.deepEqual(handle.turns.map((t) => [t.status, t.assistantText]), [['complete', 'answer 1'], ['complete', 'finished after all']]);
  });
});
