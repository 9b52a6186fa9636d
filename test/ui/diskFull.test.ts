import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { defaultReplyText } from '../fake-server/replies';
import { answerOf, sendAndWait, showThreadlineView } from './support/chatPanel';
import { EditorUi, until } from './support/editorUi';
import { turnsOnDisk } from './support/historyView';
import { type SessionPaths, WorkbenchSession } from './workbenchSession';

/** Big enough for what the library writes on its own at activation, small enough to fill in an instant. */
const DISK_SIZE = '1m';
const NEEDS_ROOT = 'mounting the small tmpfs needs root';
/** The retry backs off to 30 s between attempts: a write may wait that long after space returns. */
const RETRY_WINDOW_MS = 90_000;

/** The tmpfs could not be mounted here (a container without the capability, say): the suite is skipped, saying so. */
class MountFailed extends Error {}

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

function isMountPoint(dir: string): boolean {
  return fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((line) => line.split(' ')[4] === dir);
}

/** Writes until the disk refuses, in ever smaller pieces, so not even the last page of the filler has room. */
function fillDisk(file: string): number {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    for (let chunk = 64 * 1024; chunk >= 1; chunk = Math.floor(chunk / 2)) {
      const bytes = Buffer.alloc(chunk, 0x61);
      for (;;) {
        try {
          written += fs.writeSync(fd, bytes);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

/**
 * Disk full in the real editor: the conversation library (globalStorage/workspaces) lives on a 1 MB tmpfs. With
 * the tmpfs filled, a turn is answered and shown but only kept in memory, and the panel says "Not yet saved".
 * Once the filler is deleted the turn reaches the disk on its own, through the host's retry timer: nobody clicks,
 * types or sends anything. The failed atomic writes leave no temporary files behind.
 */
suite(`Disk full in the real workbench (a small tmpfs; skipped unless root, as ${NEEDS_ROOT})`, function () {
  this.timeout(240_000);
  let session: WorkbenchSession | undefined;
  let ui: EditorUi;
  let chat: Frame;
  let library = '';
  let filler = '';
  let turnId = '';

  function mountSmallDisk({ globalStorage }: SessionPaths): void {
    library = path.join(globalStorage, 'workspaces');
    filler = path.join(library, 'filler.bin');
    fs.mkdirSync(library, { recursive: true });
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_SIZE},mode=0755`, 'tmpfs', library], { encoding: 'utf8' });
    if (mount.status !== 0) throw new MountFailed(`mount -t tmpfs failed: ${(mount.stderr || mount.error?.message || `exit ${mount.status}`).trim()}`);
  }

  /** Safe to call twice, and after a failed mount: the session's folders cannot be removed while it is mounted. */
  function unmount(): void {
    if (!library || !isMountPoint(library)) return;
    if (spawnSync('umount', [library]).status !== 0) spawnSync('umount', ['-l', library]);
  }

  suiteSetup(async function () {
    if (process.getuid?.() !== 0) {
      console.log(`      skipped: not running as root, and ${NEEDS_ROOT}`);
      this.skip();
    }
    try {
      session = await WorkbenchSession.open('ui-disk-full', { beforeStart: mountSmallDisk, afterStop: unmount });
    } catch (error) {
      if (!(error instanceof MountFailed)) throw error;
      console.log(`      skipped: ${error.message}`);
      this.skip();
    }
    ui = new EditorUi(session);
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui?.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    try {
      if (session) {
        await session.screenshot('final').catch(() => {});
        await session.close();
      }
    } finally {
      unmount();
    }
  });

  test('a turn answered while the disk is full is shown, marked "Not yet saved", and is not on disk', async () => {
    assert.ok(isMountPoint(library), 'the library is on the small tmpfs');
    await until('the library to have written its workspace', () => (filesUnder(library).some((f) => f.endsWith('identity.json')) ? true : undefined));
    assert.ok(fillDisk(filler) > 0);
    assert.equal(await chat.isVisible('#unsaved'), false, 'nothing waits before the turn');

    const prompt = 'Answered on a full disk';
    const turn = await sendAndWait(chat, prompt);
    turnId = turn.id;
    assert.equal(await answerOf(chat, turnId), defaultReplyText(prompt));
    await chat.waitForSelector('#unsaved', { state: 'visible' });
    assert.match((await chat.textContent('#unsaved')) ?? '', /Not yet saved/);
    assert.match((await chat.getAttribute('#unsaved', 'title')) ?? '', /ENOSPC|no space/i, 'the reason is the full disk');
    assert.equal(turnsOnDisk(session!.globalStorage).get(turnId), undefined, 'the turn is only in memory');
    await session!.screenshot('not-yet-saved');
  });

  test('once space returns the turn reaches the disk with no action, the indicator clears and no .tmp file is left', async () => {
    assert.ok(turnId, 'the first test sent a turn');
    fs.rmSync(filler);
    const saved = await until('the turn on disk', () => turnsOnDisk(session!.globalStorage).get(turnId), RETRY_WINDOW_MS);
    assert.equal(saved.status, 'complete');
    await chat.waitForSelector('#unsaved', { state: 'hidden', timeout: RETRY_WINDOW_MS });
    const files = filesUnder(library);
    assert.deepEqual(files.filter((f) => f.endsWith('.tmp')), [], 'no temporary files left behind');
    assert.deepEqual(files.filter((f) => f.endsWith('.inflight.json')), [], 'the checkpoint went once the turn was on disk');
    await session!.screenshot('saved-after-space-returned');
  });
});
