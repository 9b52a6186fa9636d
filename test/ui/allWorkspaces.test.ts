import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import type { Turn } from '../../src/core/conversation/turn';
import { renderedTurns, sendAndWait, showThreadlineView, turnIds } from './support/chatPanel';
import { EditorUi, until } from './support/editorUi';
import { clickRowAction, conversationLogs, historyRow, openHistory, waitForHistory } from './support/historyView';
import { seedLibrary, storedTurn, workspaceKey } from './support/seedLibrary';
import { type SessionPaths, WorkbenchSession } from './workbenchSession';

/** Another folder's workspace, with one conversation in its library: this window never opened it. */
const ALPHA = { folderUris: ['file:///home/dev/alpha-harbour'] };
const ALPHA_LABEL = 'alpha-harbour';
const TITLE = 'Harbour survey notes';
/** Only the seeded answer holds it: search in "All workspaces" must find it there. */
const ANSWER_WORD = 'barnacles';

function seededTurn(index: number, userText: string, assistantText: string): Turn {
  const startedAt = Date.now() - 60_000 + index * 1000;
  return storedTurn({
    id: `alpha-turn-${index}`, userText, assistantText, startedAt, responseId: `resp_alpha_${index}`,
    usage: { inputTokens: 12, cachedTokens: 0, outputTokens: 20, reasoningTokens: 0, totalTokens: 32 },
  });
}

const SEEDED = [
  seededTurn(1, 'Survey the harbour wall', `The wall is sound; the pilings carry ${ANSWER_WORD} below the tide line.`),
  seededTurn(2, 'And the slipway?', 'The slipway needs new timber at the top.'),
];

/** Every file of a directory with its size and time: what "never written" is checked against. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const info = fs.statSync(path.join(dir, name));
    if (info.isFile()) files[name] = `${info.size}@${info.mtimeMs}`;
  }
  return files;
}

/**
 * "All workspaces" in the real workbench: a conversation kept in another workspace's library (written before the
 * editor starts, through the store's own API) is listed with that workspace's label and without actions that
 * would change it, is found by search, and opened is copied into this workspace, where its next message
 * chains from the original's last stored response. The other workspace's files are never touched.
 */
suite('All workspaces in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;
  let alphaDir = '';
  let alphaBefore: Record<string, string> = {};
  let ownKey = '';

  async function seedAlpha({ globalStorage, workspace }: SessionPaths): Promise<void> {
    ownKey = workspaceKey(workspace);
    alphaDir = await seedLibrary(globalStorage, ALPHA, [{ title: TITLE, turns: SEEDED }]);
    alphaBefore = snapshot(alphaDir);
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-all-workspaces', { beforeStart: seedAlpha });
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

  test('the toggle lists the other workspace’s conversation with its label, read-only', async () => {
    await sendAndWait(chat, 'A question in this workspace');
    await openHistory(chat);
    const own = await waitForHistory(chat, 'this workspace’s conversation', (rows) => rows.length === 1);
    assert.deepEqual(own.map((r) => r.title), ['A question in this workspace'], 'This workspace lists its own only');

    await chat.click('.scope-all');
    const rows = await waitForHistory(chat, 'both workspaces’ conversations', (r) => r.length === 2);
    const alpha = rows.find((r) => r.title === TITLE);
    assert.ok(alpha, `listed: ${JSON.stringify(rows)}`);
    assert.equal(alpha.group, 'Today');
    assert.match(alpha.meta, new RegExp(`^2 turns · 64 tokens · .*${ALPHA_LABEL}$`));
    assert.match(rows.find((r) => r.title !== TITLE)?.meta ?? '', / · workspace$/, 'this workspace’s entry names its own folder');
    const row = historyRow(chat, TITLE);
    assert.equal(await row.locator('.entry-actions').count(), 0, 'no rename, pin or delete on another workspace’s conversation');
    assert.match((await row.getAttribute('aria-label')) ?? '', /opening copies it into this workspace/);
    await session.screenshot('all-workspaces-list');
  });

  test('search in All workspaces finds a word of the other workspace’s answer', async () => {
    await chat.fill('#history-search', ANSWER_WORD);
    await chat.waitForFunction((word) => document.querySelector('.results-status')?.textContent === `1 match for “${word}” in all workspaces`, ANSWER_WORD);
    const result = chat.locator('.search-result').first();
    assert.equal(await result.locator('.entry-title').textContent(), `${TITLE} · ${ALPHA_LABEL}`);
    assert.equal(await result.locator('.result-snippet mark').textContent(), ANSWER_WORD);
    await session.screenshot('all-workspaces-search');
  });

  test('opening it copies it here, says so, and the copy continues the original’s chain', async () => {
    const before = await turnIds(chat);
    await chat.locator('.search-result').first().click();
    await chat.waitForSelector('#history-panel', { state: 'hidden' });
    await chat.waitForFunction((ids) => Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId).join() === ids.join(), SEEDED.map((t) => t.id));
    assert.notDeepEqual(await turnIds(chat), before);
    const toast = await ui.waitForNotification(/Copied from/);
    assert.match(await ui.notificationMessage(toast), new RegExp(`^Copied from ${ALPHA_LABEL}: “${TITLE}” continues here`));
    await session.screenshot('copied-here');

    // On disk: the turns are in this workspace's library now, and the other workspace's files are as they were.
    const copied = await until('the copy on disk', async () => {
      const logs = conversationLogs(session.globalStorage).filter((log) => log.file.includes(`${path.sep}${ownKey}${path.sep}`));
      return logs.find((log) => fs.readFileSync(log.file, 'utf8').includes(SEEDED[1].responseId ?? '-'));
    });
    assert.ok(copied.file.startsWith(path.join(session.globalStorage, 'workspaces', ownKey)));
    assert.deepEqual(snapshot(alphaDir), alphaBefore, 'nothing written in the other workspace');

    const requestsBefore = session.fake.responseRequests.length;
    const next = await sendAndWait(chat, 'Continue the survey');
    const sent = session.fake.responseRequests.slice(requestsBefore);
    assert.equal(sent[0]?.body.previous_response_id, SEEDED[1].responseId, 'chained from the original’s last stored response');
    assert.deepEqual((await renderedTurns(chat)).map((t) => t.id), [...SEEDED.map((t) => t.id), next.id]);

    await openHistory(chat);
    await chat.fill('#history-search', '');
    await chat.press('#history-search', 'Enter');
    const rows = await waitForHistory(chat, 'the copy, with its new turn, beside the original', (r) => r.length === 3 && r.some((row) => row.current && row.title === TITLE && row.meta.startsWith('3 turns ·')));
    assert.match(rows.find((r) => r.current)?.meta ?? '', /^3 turns · .* · workspace$/, `the copy is this workspace’s, with the new turn: ${JSON.stringify(rows)}`);
    assert.match(rows.find((r) => r.title === TITLE && !r.current)?.meta ?? '', new RegExp(`^2 turns · .*${ALPHA_LABEL}$`), 'the original is unchanged');
    assert.deepEqual(snapshot(alphaDir), alphaBefore, 'still nothing written in the other workspace');
    await session.screenshot('copy-and-original');
  });

  test('deleting the copy keeps on the server the responses the original still chains from', async () => {
    const copyRow = chat.locator('#history-list .history-entry[aria-current="true"]');
    assert.equal(await copyRow.count(), 1, 'the copy is the current conversation');
    const ownResponse = session.fake.responseRequests.at(-1)?.responseId;
    await clickRowAction(copyRow, 'delete');
    const dialog = await ui.modalDialog();
    const alsoServer = 'Delete and remove 1 stored response from the server';
    assert.equal(dialog.message, `Delete “${TITLE}”?`);
    assert.match(dialog.detail, /2 more stay on the server because another conversation \(a fork, a duplicate or a copy in another workspace\) uses them\./);
    assert.ok(dialog.buttons.includes(alsoServer), `buttons: ${dialog.buttons.join(', ')}`);
    await ui.clickDialogButton(alsoServer);
    await ui.waitForNotification(/Deleted 1 stored response/);
    assert.deepEqual(session.fake.deleteRequests.map((r) => r.path), [`/v1/responses/${ownResponse}`], 'only the response the copy alone used');
    assert.deepEqual(snapshot(alphaDir), alphaBefore, 'the other workspace is untouched');
    await session.screenshot('copy-deleted');
  });
});
