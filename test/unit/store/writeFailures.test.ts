import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diskThatFills, filesUnder, healthBecomes, openLibrary, savedToDisk, streamingTurn, turn, useLibraryRoot } from './support';

describe('ConversationLibrary: write failures and unusable paths', () => {
  const roots = useLibraryRoot();
  const library = roots.library;

  const onDisk = async (conversationId: string) => (await (await library()).open(conversationId)).turns.map((t) => t.id);

  it('a turn finished while the disk is full reaches the disk once there is room, with no further action', async () => {
    const disk = diskThatFills();
    const lib = await library({ fileOps: disk.ops });
    const states: { pending: number; lastError?: string }[] = [];
    lib.onEvents({ saveStateChanged: (state) => states.push(state) });
    const handle = await lib.create();
    await handle.commit(turn(1));

    disk.full.value = true;
    const live = streamingTurn(2);
    handle.begin(live);
    live.assistantText = 'the answer';
    await handle.commit({ ...live, status: 'complete' });
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001', 'turn-0002'], 'memory is the truth meanwhile');
    const failing = states.at(-1);
    assert.ok(failing && failing.pending > 0, 'the panel can say "not yet saved"');
    assert.match(failing.lastError ?? '', /ENOSPC/);
    assert.deepEqual(await onDisk(handle.id), ['turn-0001']);

    const saved = savedToDisk(lib);
    disk.full.value = false;
    await saved;
    assert.deepEqual(await onDisk(handle.id), ['turn-0001', 'turn-0002']);
    const files = await filesUnder(lib.paths.workspaceDir);
    assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), [], 'no temporary files left behind');
    assert.deepEqual(files.filter((f) => f.endsWith('.inflight.json')), [], 'the checkpoint went once the turn was on disk');
    assert.deepEqual(states.at(-1), { pending: 0 });
  });

  it('a partial append on a full disk is mended by rewriting the own log whole', async () => {
    const disk = diskThatFills();
    const lib = await library({ fileOps: disk.ops });
    const handle = await lib.create();
    await handle.commit(turn(1));
    disk.full.value = true;
    await handle.commit(turn(2, { assistantText: 'x'.repeat(5000) }));
    disk.full.value = false;
    await lib.flush();
    const fresh = await library();
    assert.deepEqual((await fresh.open(handle.id)).turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
    assert.deepEqual(fresh.damage, [], 'the torn half line was replaced, not left for readers to skip');
  });

  it('flush tries again at once (deactivate), without waiting for the retry timer', async () => {
    const disk = diskThatFills();
    const lib = await library({ fileOps: disk.ops, initialRetryMs: 60_000, maxRetryMs: 60_000 });
    const handle = await lib.create();
    disk.full.value = true;
    await handle.commit(turn(1));
    disk.full.value = false;
    await lib.flush();
    assert.equal(lib.pendingWrites, 0);
    assert.deepEqual(await onDisk(handle.id), ['turn-0001']);
  });

  it('keeps retrying on its own while the disk stays full, backing off, and writes once there is room', async () => {
    const disk = diskThatFills();
    const lib = await library({ fileOps: disk.ops, initialRetryMs: 10, maxRetryMs: 160 });
    const handle = await lib.create();
    disk.full.value = true;
    await handle.commit(turn(1));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (disk.failures.length < 5) return;
        clearInterval(check);
        resolve();
      }, 5);
    });
    const gaps = disk.failures.slice(1).map((time, i) => time - disk.failures[i]);
    assert.ok(gaps[3] >= 2 * gaps[0], `the waits grow: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    const saved = savedToDisk(lib);
    disk.full.value = false;
    await saved;
    assert.deepEqual(await onDisk(handle.id), ['turn-0001']);
  });

  it('a file where the library directory should be: memory-only, naming the path; saved once the path works', async () => {
    await writeFile(join(roots.root, 'workspaces'), 'not a directory');
    const lib = await library();
    assert.equal(lib.health.kind, 'memoryOnly');
    assert.ok(lib.health.kind === 'memoryOnly' && lib.health.path.startsWith(join(roots.root, 'workspaces')));
    assert.ok(lib.health.kind === 'memoryOnly' && /file stands where a directory should be/.test(lib.health.reason));

    const handle = await lib.create();
    await handle.commit(turn(1));
    assert.deepEqual(handle.turns.map((t) => t.id), ['turn-0001']);
    assert.deepEqual((await lib.list()).map((s) => s.turnCount), [1], 'the history works in memory too');
    assert.deepEqual(lib.damage, [], 'a path that cannot be used is the health, not damage');

    const healthy = healthBecomes(lib, 'ok');
    const saved = savedToDisk(lib);
    await rm(join(roots.root, 'workspaces'));
    await healthy;
    await saved;
    assert.deepEqual(await onDisk(handle.id), ['turn-0001']);
  });

  it('no permission to write: memory-only, never a throw from open', async function () {
    if (process.getuid?.() === 0) this.skip(); // root may write anywhere: the permission cannot be taken away here.
    const { chmod, mkdir } = await import('node:fs/promises');
    await mkdir(join(roots.root, 'workspaces'));
    await chmod(join(roots.root, 'workspaces'), 0o500);
    try {
      const lib = await library();
      assert.equal(lib.health.kind, 'memoryOnly');
      assert.ok(lib.health.kind === 'memoryOnly' && /permission/.test(lib.health.reason));
    } finally {
      await chmod(join(roots.root, 'workspaces'), 0o700);
    }
  });

  it('on a real full disk (a small tmpfs): the turn reaches the disk once there is room, and no .tmp is left', async function () {
    this.timeout(30_000);
    if (process.platform !== 'linux' || process.getuid?.() !== 0) this.skip(); // mounting a tmpfs needs root on Linux
    const mountPoint = join(roots.root, 'small-disk');
    await mkdir(mountPoint);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status !== 0) this.skip(); // no permission to mount here
    try {
      const lib = await openLibrary(mountPoint);
      const handle = await lib.create();
      await handle.commit(turn(1));
      const filler = join(mountPoint, 'filler');
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k', 'count=1000']);
      const failing = new Promise<void>((resolve) => lib.onEvents({ saveStateChanged: (state) => state.pending > 0 && resolve() }));
      await handle.commit(turn(2, { assistantText: 'y'.repeat(20_000) }));
      await failing;
      assert.ok(lib.pendingWrites > 0);

      const saved = savedToDisk(lib);
      await rm(filler);
      await saved;
      await lib.dispose();
      const reopened = await openLibrary(mountPoint);
      assert.deepEqual((await reopened.open(handle.id)).turns.map((t) => t.id), ['turn-0001', 'turn-0002']);
      await reopened.dispose();
      assert.deepEqual((await filesUnder(mountPoint)).filter((f) => f.endsWith('.tmp')), []);
    } finally {
      spawnSync('umount', [mountPoint]);
    }
  });
});
