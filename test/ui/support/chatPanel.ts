/**
 * Reading and driving the chat webview inside the real workbench. Everything here goes through the page as a
 * user would (typing, clicking) and reads back only what is rendered.
 */
import type { Frame } from 'playwright-core';
import type { WorkbenchWindow } from '../workbenchWindow';

/** A session or any of its windows: the page and its frames. */
export type WindowLike = Pick<WorkbenchWindow, 'page' | 'frameWith'>;

/** The newest turn on screen: the transcript marks it, whichever group it lives in. */
export const LAST_TURN = '.turn.is-last';

export interface RenderedTurn {
  id: string;
  status: string;
  user: string;
  answer: string;
  statusText: string;
}

/** Types a prompt and sends it with Enter, as a user does. */
export async function send(chat: Frame, prompt: string): Promise<void> {
  await chat.fill('#prompt', prompt);
  await chat.press('#prompt', 'Enter');
}

/** Sends and waits until a turn that was not on screen before is the newest one and has reached `status`. */
export async function sendAndWait(chat: Frame, prompt: string, status = 'complete', timeout = 30_000): Promise<RenderedTurn> {
  const known = await turnIds(chat);
  await send(chat, prompt);
  return waitForNewLastTurn(chat, known, status, timeout);
}

/** Ids of every turn on screen: what a later wait must not mistake for the new turn. */
export async function turnIds(chat: Frame): Promise<string[]> {
  return chat.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]'), (turn) => turn.dataset.turnId ?? ''));
}

/**
 * Waits for a newest turn whose id is not among `knownIds` and whose status is `status`, and returns it.
 * Regenerate, edit and retry remove the last turn before the new one starts, so in between the turn before it
 * is the newest: every id that existed before the action is excluded, not only the replaced one.
 */
export async function waitForNewLastTurn(chat: Frame, knownIds: readonly string[], status: string, timeout = 30_000): Promise<RenderedTurn> {
  await chat.waitForFunction(
    ({ selector, knownIds, status }) => {
      const turn = document.querySelector<HTMLElement>(selector);
      return turn !== null && !knownIds.includes(turn.dataset.turnId ?? '') && turn.dataset.status === status;
    },
    { selector: LAST_TURN, knownIds: [...knownIds], status },
    { timeout },
  );
  const turns = await renderedTurns(chat);
  const last = turns.at(-1);
  if (!last) throw new Error('no turn on screen');
  return last;
}

/** Waits for a newest turn whose id is not among `knownIds`, whatever its status, and returns its id. */
export async function waitForNewTurnId(chat: Frame, knownIds: readonly string[], timeout = 30_000): Promise<string> {
  const handle = await chat.waitForFunction(
    ({ selector, knownIds }) => {
      const id = document.querySelector<HTMLElement>(selector)?.dataset.turnId;
      return id !== undefined && !knownIds.includes(id) ? id : false;
    },
    { selector: LAST_TURN, knownIds: [...knownIds] },
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * Waits for a newest turn whose id is not among `knownIds`, still streaming, with at least `words` words of its
 * own answer on screen, and returns its id. An earlier turn's answer can never satisfy it.
 */
export async function waitForNewStreamingTurn(chat: Frame, knownIds: readonly string[], words: number, timeout = 30_000): Promise<string> {
  const handle = await chat.waitForFunction(
    ({ selector, knownIds, words }) => {
      const turn = document.querySelector<HTMLElement>(selector);
      const id = turn?.dataset.turnId ?? '';
      if (!turn || knownIds.includes(id) || turn.dataset.status !== 'streaming') return false;
      const answer = (turn.querySelector('.assistant .markdown')?.textContent ?? '').trim();
      return answer.length > 0 && answer.split(/\s+/).length >= words ? id : false;
    },
    { selector: LAST_TURN, knownIds: [...knownIds], words },
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

/** The rendered answer of one turn, by id. */
export async function answerOf(chat: Frame, turnId: string): Promise<string> {
  return (await chat.locator(`.turn[data-turn-id="${turnId}"] .assistant .markdown`).innerText()).trim();
}

/**
 * A round trip through the extension host: the draft's token count is asked for and its answer awaited. Messages
 * between the webview and the host keep their order, so once the answer is on screen, the host has handled
 * everything the webview posted before it, and the webview has received everything the host posted before it.
 * This is what a negative check waits on ("nothing more arrives"), instead of a fixed sleep. The draft is put back.
 */
export async function hostRoundTrip(chat: Frame, timeout = 30_000): Promise<void> {
  const draft = await chat.inputValue('#prompt');
  // Emptying the draft clears the count and makes every earlier answer stale, so only the new one can show.
  await chat.fill('#prompt', '');
  await chat.waitForFunction(() => (document.getElementById('draft-tokens')?.textContent ?? '') === '', undefined, { timeout });
  await chat.fill('#prompt', 'round trip');
  await chat.waitForFunction(() => (document.getElementById('draft-tokens')?.textContent ?? '') !== '', undefined, { timeout });
  await chat.fill('#prompt', draft);
}

/** Every turn on screen, oldest first, as the user reads it. */
export async function renderedTurns(chat: Frame): Promise<RenderedTurn[]> {
  return chat.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.turn[data-turn-id]')).map((turn) => ({
      id: turn.dataset.turnId ?? '',
      status: turn.dataset.status ?? '',
      user: turn.querySelector('.user .user-text')?.textContent ?? '',
      answer: (turn.querySelector('.assistant .markdown')?.textContent ?? '').trim(),
      statusText: (turn.querySelector<HTMLElement>('.turn-status')?.innerText ?? '').trim(),
    })),
  );
}

/**
 * Makes sure the Threadline view is showing and returns its frame. Clicking the activity-bar entry of a
 * container that is already open would close the side bar, so it is clicked only when not selected.
 */
export async function showThreadlineView(session: WindowLike): Promise<Frame> {
  const entry = session.page.locator('.activitybar .action-item:has([aria-label^="Threadline"])').first();
  await entry.waitFor({ timeout: 60_000 });
  // Right after a reload the workbench may still be restoring the side bar, which can undo a click made at that
  // moment; so the click is repeated, a few times at most, until the view's page is there.
  for (let attempt = 1; ; attempt++) {
    const selected = await entry.evaluate((item) => item.classList.contains('checked'));
    if (!selected) {
      await entry.click();
      // Park the pointer over the editor area so the activity bar's hover tooltip does not cover the panel.
      const viewport = session.page.viewportSize();
      if (viewport) await session.page.mouse.move(viewport.width * 0.7, viewport.height * 0.6);
    }
    try {
      const chat = await session.frameWith('#prompt', attempt < 3 ? 20_000 : 60_000);
      await chat.waitForSelector('#prompt', { state: 'visible', timeout: 30_000 });
      return chat;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Switches the side bar to the Explorer, which hides the Threadline view, and waits until its page is gone. */
export async function hideThreadlineView(session: WindowLike, chat: Frame): Promise<void> {
  await session.page.locator('.activitybar .action-item:has([aria-label^="Explorer"])').first().click();
  await session.page.locator('.sidebar .explorer-viewlet, .sidebar [id="workbench.view.explorer"]').first().waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while (!chat.isDetached() && (await chat.locator('#prompt').isVisible().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('the Threadline view stayed visible after switching to the Explorer');
    await session.page.waitForTimeout(100);
  }
}

/** Waits until the transcript's scroll position stops moving (smooth scrolling, layout settling). */
export async function settledScrollTop(chat: Frame): Promise<number> {
  let previous = -1;
  for (let stable = 0; stable < 3;) {
    const top = await chat.evaluate(() => document.getElementById('transcript')?.scrollTop ?? 0);
    stable = Math.abs(top - previous) < 1 ? stable + 1 : 0;
    previous = top;
    await chat.page().waitForTimeout(100);
  }
  return previous;
}
