import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { renderedTurns, sendAndWait, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { EditorUi, until } from './support/editorUi';
import { clearHistorySearch, clickRowAction, closeHistory, historyGroups, historyRow, metaOnDisk, openHistory, waitForHistory } from './support/historyView';
import { WorkbenchSession } from './workbenchSession';

/** The word only the first answer holds: searching for it must find that answer, not a question. */
const ANSWER_WORD = 'marzipan';
const LIGHTHOUSE = 'Plan the lighthouse trip';

/**
 * The conversation history in the real workbench: two conversations listed by day, renamed, pinned, found by a
 * word of an answer and opened at that turn, forked from an earlier turn (the fork continues the server-side
 * chain from there), deleted together with the responses the server stored, and restored from the trash.
 */
suite('History in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;
  /** The first conversation's turns, oldest first, and the ids of the responses the fake server answered them with. */
  const lighthouse: Array<{ turnId: string; answer: string; responseId: string }> = [];
  let lighthouseId = '';

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-history');
    ui = new EditorUi(session);
    chat = await showThreadlineView(session);
    session.fake.reply = (request) => (request.userText.startsWith(LIGHTHOUSE) ? `Pack warm clothes and ${ANSWER_WORD} for the keeper.` : undefined);
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

  /** Sends and returns the new turn's id and answer with the id of the response the fake server answered it with. */
  async function turnWithResponse(prompt: string): Promise<{ turnId: string; answer: string; responseId: string }> {
    const turn = await sendAndWait(chat, prompt);
    const request = session.fake.responseRequests.filter((r) => r.userText === prompt).at(-1);
    assert.ok(request?.responseId, `the fake server answered “${prompt}”`);
    return { turnId: turn.id, answer: turn.answer, responseId: request.responseId };
  }

  test('two conversations are listed under Today, the open one marked, with their turn counts', async () => {
    // Long answers after the first, so that turn is out of view when the conversation is opened at its end.
    for (const prompt of [LIGHTHOUSE, 'What about the tides? [[long:300]]', 'And the ferry times? [[long:300]]']) {
      lighthouse.push(await turnWithResponse(prompt));
    }
    // Read as it completed: once out of view, the turn's content is skipped (content-visibility) and has no innerText.
    assert.match(lighthouse[0].answer, new RegExp(ANSWER_WORD));
    await chat.click('#new-conversation');
    await chat.waitForFunction(() => document.querySelector('.turn[data-turn-id]') === null);
    await sendAndWait(chat, 'Bake sourdough bread');

    await openHistory(chat);
    const rows = await waitForHistory(chat, 'both conversations under Today', (r) => r.length === 2);
    assert.deepEqual(rows.map((r) => [r.group, r.title, r.current]), [
      ['Today', 'Bake sourdough bread', true],
      ['Today', LIGHTHOUSE, false],
    ]);
    assert.match(rows[0].meta, /^1 turn · /);
    assert.match(rows[1].meta, /^3 turns · /);
    lighthouseId = rows[1].id;
    await session.screenshot('history-today');
  });

  test('a conversation renamed inline keeps its new title, in the list and on disk', async () => {
    await clickRowAction(historyRow(chat, LIGHTHOUSE), 'rename');
    const input = chat.locator('.entry-rename');
    assert.equal(await input.inputValue(), LIGHTHOUSE, 'the box starts with the current title');
    await input.fill('Lighthouse plans');
    await input.press('Enter');
    await waitForHistory(chat, 'the new title', (rows) => rows.some((r) => r.id === lighthouseId && r.title === 'Lighthouse plans'));
    await until('the title on disk', () => (metaOnDisk(session.globalStorage, lighthouseId, 'title') === 'Lighthouse plans' ? true : undefined));
    // Reopened, the list is the host's again: the title is the stored one, not only what the box left on screen.
    await closeHistory(chat);
    await openHistory(chat);
    await waitForHistory(chat, 'the renamed title from the host', (rows) => rows.some((r) => r.id === lighthouseId && r.title === 'Lighthouse plans'));
    await session.screenshot('history-renamed');
  });

  test('a pinned conversation comes first, under Pinned', async () => {
    await clickRowAction(historyRow(chat, 'Lighthouse plans'), 'pin');
    await waitForHistory(chat, 'the pinned group', (rows) => rows[0]?.group === 'Pinned');
    assert.deepEqual(await historyGroups(chat), [['Pinned', ['Lighthouse plans']], ['Today', ['Bake sourdough bread']]]);
    assert.equal(await historyRow(chat, 'Lighthouse plans').locator('.action-pin').getAttribute('aria-label'), 'Unpin');
    await session.screenshot('history-pinned');
  });

  test('a word from an earlier answer is found; the result opens that conversation at that turn', async () => {
    await chat.fill('#history-search', ANSWER_WORD);
    await chat.waitForFunction((word) => document.querySelector('.results-status')?.textContent === `1 match for “${word}”`, ANSWER_WORD);
    const result = chat.locator('.search-result').first();
    assert.equal(await result.locator('.entry-title').textContent(), 'Lighthouse plans');
    assert.equal(await result.locator('.result-snippet mark').textContent(), ANSWER_WORD);
    assert.equal(await result.locator('.result-field').getAttribute('title'), 'In the answer');
    await session.screenshot('history-search');

    await result.click();
    await chat.waitForSelector('#history-panel', { state: 'hidden' });
    const first = lighthouse[0].turnId;
    await chat.waitForFunction((ids) => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId);
      return JSON.stringify(shown) === JSON.stringify(ids);
    }, lighthouse.map((t) => t.turnId));
    // Revealed: focused (a screen reader starts there), highlighted for a moment, and scrolled to.
    await chat.waitForFunction((id) => (document.activeElement as HTMLElement | null)?.dataset.turnId === id, first);
    const view = await chat.evaluate((id) => {
      const scroller = document.getElementById('transcript')!.getBoundingClientRect();
      const turn = document.querySelector(`.turn[data-turn-id="${id}"]`)!;
      const last = document.querySelector('.turn.is-last')!.getBoundingClientRect();
      const box = turn.getBoundingClientRect();
      return { top: box.top - scroller.top, height: scroller.height, lastBottom: last.bottom - scroller.top, revealed: turn.classList.contains('revealed') };
    }, first);
    assert.ok(view.top >= -1 && view.top < view.height, `the turn is in view (top ${view.top} of ${view.height})`);
    assert.ok(view.lastBottom > view.height, 'the view moved up to it: the end of the conversation is out of view');
    await session.screenshot(view.revealed ? 'revealed-highlighted' : 'revealed');
  });

  test('a fork from an earlier turn continues the server-side chain from that turn’s response', async () => {
    const [first] = lighthouse;
    const requestsBefore = session.fake.responseRequests.length;
    await chat.locator(`.turn[data-turn-id="${first.turnId}"]`).hover();
    await chat.click(`.turn[data-turn-id="${first.turnId}"] .fork-turn`);
    await chat.waitForFunction((id) => {
      const shown = Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId);
      return shown.length === 1 && shown[0] === id;
    }, first.turnId);
    assert.equal(session.fake.responseRequests.length, requestsBefore, 'forking itself asks nothing of the server');

    const continued = await sendAndWait(chat, 'Continue from the first answer');
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.userText, 'Continue from the first answer');
    assert.equal(request?.body.previous_response_id, first.responseId, 'chained from the forked turn’s stored response');
    assert.deepEqual((await renderedTurns(chat)).map((t) => t.id), [first.turnId, continued.id]);

    await openHistory(chat);
    await clearHistorySearch(chat);
    const rows = await waitForHistory(chat, 'the fork in the list', (r) => r.some((row) => row.title === 'Fork of Lighthouse plans'));
    const fork = rows.find((r) => r.title === 'Fork of Lighthouse plans');
    assert.equal(fork?.current, true);
    assert.match(fork?.meta ?? '', /^2 turns · /);
    assert.match(rows.find((r) => r.id === lighthouseId)?.meta ?? '', /^3 turns · /, 'the original keeps its turns');
    await session.screenshot('history-fork');
  });

  test('delete with the stored responses removes on the server those the fork does not use, and says how many', async () => {
    assert.equal(session.fake.deleteRequests.length, 0);
    await clickRowAction(historyRow(chat, 'Lighthouse plans'), 'delete');
    const dialog = await ui.modalDialog();
    const alsoServer = 'Delete and remove 2 stored responses from the server';
    assert.equal(dialog.message, 'Delete “Lighthouse plans”?');
    assert.match(dialog.detail, /1 more stays on the server because another conversation \(a fork, a duplicate or a copy in another workspace\) uses it\./);
    assert.ok(dialog.buttons.includes('Delete'), `buttons: ${dialog.buttons.join(', ')}`);
    assert.ok(dialog.buttons.includes(alsoServer), `buttons: ${dialog.buttons.join(', ')}`);
    await session.screenshot('delete-dialog');
    await ui.clickDialogButton(alsoServer);

    const toast = await ui.waitForNotification(/Deleted \d+ stored response/);
    assert.equal(await ui.notificationMessage(toast), 'Threadline: Deleted 2 stored responses on the server.');
    const deleted = session.fake.deleteRequests.map((r) => r.path).sort();
    // The fork holds the first turn: its response stays, so the fork goes on chaining from it.
    assert.deepEqual(deleted, lighthouse.slice(1).map((t) => `/v1/responses/${t.responseId}`).sort(), 'one DELETE per response only this conversation used');
    assert.ok(session.fake.deleteRequests.every((r) => r.status === 200));

    const rows = await waitForHistory(chat, 'the conversation to leave the list', (r) => !r.some((row) => row.id === lighthouseId));
    assert.deepEqual(rows.map((r) => r.title).sort(), ['Bake sourdough bread', 'Fork of Lighthouse plans']);
    assert.equal(await chat.locator('.history-trash summary').textContent(), 'Trash (1)');
    await session.screenshot('deleted');
  });

  test('restored from the trash, the conversation is back in the list with its turns', async () => {
    await chat.click('.history-trash summary');
    const trashed = chat.locator('.trash-entry', { has: chat.locator('.entry-title', { hasText: 'Lighthouse plans' }) });
    assert.match((await trashed.locator('.entry-meta').textContent()) ?? '', /^Deleted .* · removed in 30 days$/);
    await trashed.locator('.action-restore').click();
    await waitForHistory(chat, 'the restored conversation', (r) => r.some((row) => row.id === lighthouseId));
    await chat.waitForSelector('.history-trash', { state: 'detached' });
    assert.deepEqual(await historyGroups(chat), [['Pinned', ['Lighthouse plans']], ['Today', ['Fork of Lighthouse plans', 'Bake sourdough bread']]]);

    const known = await turnIds(chat);
    await historyRow(chat, 'Lighthouse plans').locator('.entry-title').click();
    await chat.waitForSelector('#history-panel', { state: 'hidden' });
    await chat.waitForFunction((ids) => Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (t) => t.dataset.turnId).join() === ids.join(), lighthouse.map((t) => t.turnId));
    assert.notDeepEqual(await turnIds(chat), known);
    await session.screenshot('restored-opened');
  });

  test('edit-and-resend on an earlier turn forks there; the original stays whole in the history', async () => {
    const [first, second] = lighthouse;
    await chat.locator(`.turn[data-turn-id="${second.turnId}"]`).hover();
    await chat.click(`.turn[data-turn-id="${second.turnId}"] .edit-resend`);
    assert.match((await chat.locator('#edit-banner').innerText()).trim(), /continues in a new conversation/);
    assert.equal(await chat.inputValue('#prompt'), 'What about the tides? [[long:300]]');
    const requestsBefore = session.fake.responseRequests.length;
    await chat.fill('#prompt', 'What about the tides tomorrow?');
    await chat.press('#prompt', 'Enter');
    const edited = await waitForNewLastTurn(chat, lighthouse.map((t) => t.turnId), 'complete');
    assert.deepEqual((await renderedTurns(chat)).map((t) => t.id), [first.turnId, edited.id]);
    assert.equal(edited.user, 'What about the tides tomorrow?');

    // The fork chains from the first turn's response, which the delete above left on the server because the
    // first fork uses it too: one request, no repair.
    const sent = session.fake.responseRequests.slice(requestsBefore);
    assert.deepEqual(sent.map((r) => [r.body.previous_response_id, r.error?.code]), [[first.responseId, undefined]]);
    assert.match(edited.answer, /What about the tides tomorrow\?/);
    assert.equal(await chat.locator(`.turn[data-turn-id="${edited.id}"] .turn-notice`).isVisible(), false, 'no repair notice');

    await openHistory(chat);
    // The view first shows the list it last had (the fork as it was created, with one turn) until the host's new one comes.
    const rows = await waitForHistory(chat, 'the edit’s fork in the list, with its two turns', (r) => r.some((row) => row.current && row.id !== lighthouseId && /^2 turns · /.test(row.meta)));
    assert.match(rows.find((r) => r.id === lighthouseId)?.meta ?? '', /^3 turns · /, 'the original keeps every turn');
    await session.screenshot('edited-earlier-turn');
  });
});
