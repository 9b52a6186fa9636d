import * as assert from 'node:assert/strict';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ARCHIVE_DIR, ConversationStore, LOG_FILE } from '../../support/legacy/conversationStore';
import { DURABLE_FILE_OPS, type StoreFileOps } from '../../../src/core/store/storeFiles';
import { RecordingLogger } from '../provider/support';
import { makeTurn, removeDir, tempDir } from '../conversation/support';

/** Appends fail with ENOSPC while `full` is set, as on a full disk; everything else writes for real. */
function diskThatFills(): { ops: StoreFileOps; full: { value: boolean } } {
  const full = { value: false };
  const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const ops: StoreFileOps = {
    appendLines: async (path, lines) => {
      if (full.value) throw enospc();
      return DURABLE_FILE_OPS.appendLines(path, lines);
    },
    writeFileAtomic: async (path, content) => {
      if (full.value) throw enospc();
      return DURABLE_FILE_OPS.writeFileAtomic(path, content);
    },
  };
  return { ops, full };
}

describe('ConversationStore: write failures', () => {
  let dir = '';
  let logger: RecordingLogger;
  let reports: string[];
  beforeEach(async () => {
    dir = await tempDir();
    logger = new RecordingLogger();
    reports = [];
  });
  afterEach(() => removeDir(dir));

  const open = (fileOps?: StoreFileOps) =>
    ConversationStore.open(dir, logger, { checkpointIntervalMs: 20, onWriteError: (m) => reports.push(m), ...(fileOps ? { fileOps } : {}) });
  const reopenIds = async () => (await ConversationStore.open(dir, new RecordingLogger())).store.turns.map((t) => t.id);

  it('a failed append is reported once and rewritten with the next commit once the disk has room', async () => {
    const disk = diskThatFills();
    const { store } = await open(disk.ops);
    await store.commit(makeTurn(1));
    disk.full.value = true;
    await store.commit(makeTurn(2));
    await store.commit(makeTurn(3));
    assert.equal(reports.length, 1, 'one warning for a run of failures');
    assert.match(reports[0], /ENOSPC/);
    assert.deepEqual(store.turns.map((t) => t.id), ['turn-1', 'turn-2', 'turn-3']);
    assert.deepEqual(await reopenIds(), ['turn-1']);

    disk.full.value = false;
    await store.commit(makeTurn(4));
    assert.deepEqual(await reopenIds(), ['turn-1', 'turn-2', 'turn-3', 'turn-4']);

    disk.full.value = true;
    await store.commit(makeTurn(5));
    assert.equal(reports.length, 2, 'a new failure after a recovery is reported again');
  });

  it('flush retries a failed write: a removal and a commit survive a log that was briefly a directory', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await store.commit(makeTurn(2));
    const logPath = join(dir, LOG_FILE);
    await rm(logPath);
    await mkdir(logPath);
    await store.remove('turn-2');
    await store.commit(makeTurn(3));
    assert.equal(reports.length, 1);
    assert.match(reports[0], /EISDIR/);

    await rm(logPath, { recursive: true });
    await store.flush();
    assert.deepEqual(await reopenIds(), ['turn-1', 'turn-3']);
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), [], 'no temporary files left');
  });

  it('a turn streaming while the log fails is checkpointed, and the rewrite leaves it to the checkpoint', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    const logPath = join(dir, LOG_FILE);
    await rm(logPath);
    await mkdir(logPath);
    await store.commit(makeTurn(2));
    await rm(logPath, { recursive: true });
    store.begin(makeTurn(3, { status: 'streaming', assistantText: 'partial', responseId: undefined }));
    await store.flush();
    // A crash now: the finished turns come from the log, the streaming one from its checkpoint, as stopped.
    const { store: after } = await ConversationStore.open(dir, new RecordingLogger());
    assert.deepEqual(after.turns.map((t) => [t.id, t.status]), [['turn-1', 'complete'], ['turn-2', 'complete'], ['turn-3', 'stopped']]);
  });

  it('archive keeps the current conversation when the archive cannot be written, and works once it can', async () => {
    const { store } = await open();
    await store.commit(makeTurn(1));
    await store.commit(makeTurn(2));
    const id = store.conversationId;
    await writeFile(join(dir, ARCHIVE_DIR), 'a file where the archive directory belongs');
    await assert.rejects(store.archive(), /could not be archived/);
    assert.deepEqual(store.turns.map((t) => t.id), ['turn-1', 'turn-2']);
    assert.equal(store.conversationId, id);
    assert.equal(reports.length, 1);
    assert.deepEqual(await reopenIds(), ['turn-1', 'turn-2']);

    await rm(join(dir, ARCHIVE_DIR));
    const archived = await store.archive();
    assert.ok(archived);
    assert.equal(store.turns.length, 0);
    assert.notEqual(store.conversationId, id);
    assert.deepEqual(await reopenIds(), []);
  });
});
