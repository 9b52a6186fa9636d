import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { Turn } from '../../src/core/conversation/turn';
import { renderedTurns, sendAndWait, showThreadlineView } from './support/chatPanel';
import { EditorUi, until } from './support/editorUi';
import { openHistory, turnsOnDisk, waitForHistory } from './support/historyView';
import { conversationLogLines, placeConversationLog, storedTurn } from './support/seedLibrary';
import { type SessionPaths, WorkbenchSession } from './workbenchSession';

/** A host long gone wrote these logs; this session's host never writes to another writer's file. */
const OTHER_WRITER = '0123456789abcdef';
const GARBLED = 'c0nversation-garbled';
const TORN = 'c0nversation-torn';

/** Seeded turns of a conversation, the newest started a minute before `newest`. */
function storedTurns(conversation: string, count: number, newest: number): Turn[] {
  return Array.from({ length: count }, (_, i) => {
    const index = i + 1;
    return storedTurn({
      id: `${conversation}-turn-${index}`,
      userText: `${conversation === GARBLED ? 'Garbled' : 'Torn'} question ${index}`,
      assistantText: `Answer ${index} kept on disk.`,
      startedAt: newest - (count - i) * 60_000,
    });
  });
}

/**
 * Damage costs only what is damaged, in the real editor: conversation logs with a garbage line in the middle and
 * a last line cut short are in the library before the editor starts. Every readable turn is shown, the user is
 * told what was skipped and where the backup is, the backup is the file as it was, and chat goes on.
 */
suite('A damaged conversation store in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;
  const files: Record<string, { path: string; text: string }> = {};

  function placeLogs(paths: SessionPaths): void {
    const now = Date.now();
    const garbled = conversationLogLines(GARBLED, OTHER_WRITER, storedTurns(GARBLED, 3, now));
    garbled.splice(2, 0, 'this is not json {');
    const torn = conversationLogLines(TORN, OTHER_WRITER, storedTurns(TORN, 3, now - 3_600_000));
    const tornText = `${torn.slice(0, -1).join('\n')}\n${torn.at(-1)?.slice(0, 40)}`;
    for (const [id, text] of [[GARBLED, `${garbled.join('\n')}\n`], [TORN, tornText]]) {
      files[id] = { path: placeConversationLog(paths, id, OTHER_WRITER, text), text };
    }
    // Left by a crash a while ago: a half line that is still fresh could be another host's append under way.
    const aMinuteAgo = new Date(now - 60_000);
    fs.utimesSync(files[TORN].path, aMinuteAgo, aMinuteAgo);
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-damaged-store', { beforeStart: placeLogs });
    ui = new EditorUi(session);
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui?.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('every readable turn of the log with garbage in the middle is shown', async () => {
    await chat.waitForFunction(() => document.querySelectorAll('.turn[data-turn-id]').length === 3 && !document.querySelector('.turn.unmaterialized'));
    const turns = await renderedTurns(chat);
    assert.deepEqual(turns.map((t) => [t.user, t.answer, t.status]), [1, 2, 3].map((i) => [`Garbled question ${i}`, `Answer ${i} kept on disk.`, 'complete']));
    await session.screenshot('readable-turns');
  });

  test('a warning says what was skipped and names the backup, which is the file as it was', async () => {
    const toast = await ui.waitForNotification(/1 record could not be read\. Every/);
    const message = await ui.notificationMessage(toast);
    const backup = /the file as it was is kept at (\S+?)\.?$/.exec(message)?.[1];
    assert.ok(backup, `the message names the backup: ${message}`);
    assert.match(message, /^Threadline: part of a saved conversation is damaged: 1 record could not be read\. Every readable turn is shown;/);
    assert.equal(path.dirname(backup), path.dirname(files[GARBLED].path), 'beside the damaged file');
    assert.match(path.basename(backup), /^0123456789abcdef\.damaged-.*\.jsonl$/);
    assert.equal(fs.readFileSync(backup, 'utf8'), files[GARBLED].text, 'the backup is the raw file');
    assert.equal(fs.readFileSync(files[GARBLED].path, 'utf8'), files[GARBLED].text, "another writer's file is never rewritten");
    await session.screenshot('damage-warning');
  });

  test('a last line cut short is reported the same way, and the rest of that conversation is listed', async () => {
    const toast = await ui.waitForNotification(/cut short/);
    const message = await ui.notificationMessage(toast);
    assert.match(message, /^Threadline: part of a saved conversation is damaged: 1 record could not be read \(the last one was cut short\)\./);
    const backup = /the file as it was is kept at (\S+?)\.?$/.exec(message)?.[1];
    assert.ok(backup && fs.existsSync(backup), `the message names a backup that exists: ${message}`);
    assert.equal(path.dirname(backup), path.dirname(files[TORN].path));
    assert.equal(fs.readFileSync(backup, 'utf8'), files[TORN].text, 'the backup is the raw file, half line included');

    await openHistory(chat);
    const rows = await waitForHistory(chat, 'both damaged conversations listed', (r) => r.length === 2);
    assert.deepEqual(rows.map((r) => [r.title, r.meta.split(' · ')[0], r.current]), [
      ['Garbled question 1', '3 turns', true],
      ['Torn question 1', '2 turns', false],
    ]);
    await session.screenshot('damaged-listed');
    await chat.click('#toggle-history');
  });

  test('chat goes on in the damaged conversation, and the new turn is saved in this window’s own log', async () => {
    const turn = await sendAndWait(chat, 'Still works after the damage');
    assert.deepEqual((await renderedTurns(chat)).map((t) => t.user), ['Garbled question 1', 'Garbled question 2', 'Garbled question 3', 'Still works after the damage']);
    const saved = await until('the new turn on disk', () => turnsOnDisk(session.globalStorage).get(turn.id));
    assert.equal(saved.conversationId, GARBLED);
    assert.notEqual(saved.file, files[GARBLED].path, 'written to this host’s own log');
    assert.equal(fs.readFileSync(files[GARBLED].path, 'utf8'), files[GARBLED].text);
  });
});
