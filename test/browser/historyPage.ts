import * as assert from 'node:assert/strict';
import type { HistoryEntry, HistoryScope } from '../../src/core/history/historyTypes';
import type { WebviewToHost } from '../../src/core/protocol';
import { ChatPage } from './chatPage';
import { panelState, turn, usage } from './chatFixtures';
import { NOW } from './historyFixtures';
import type { ChatPageHooks } from './useChatPages';

/** A chat page in Seoul's time zone with its clock fixed at NOW, a transcript, and the history view's calls. */
export class HistoryPage {
  private constructor(readonly chat: ChatPage) {}

  static async open(pages: ChatPageHooks): Promise<HistoryPage> {
    const chat = await ChatPage.open(pages.browser(), pages.harness(), { timezoneId: 'Asia/Seoul' });
    await chat.page.clock.setFixedTime(NOW);
    await chat.post({ type: 'init', turns: [turn(), turn()], state: panelState(), totals: usage() });
    await chat.settle();
    return new HistoryPage(chat);
  }

  get page() {
    return this.chat.page;
  }

  async toggle(): Promise<void> {
    await this.page.click('#toggle-history');
    await this.chat.settle();
  }

  async list(entries: HistoryEntry[], trash: HistoryEntry[] = [], scope: HistoryScope = 'workspace'): Promise<void> {
    await this.chat.post({ type: 'history', scope, activeId: entries.find((e) => e.active)?.id, entries, trash });
    await this.chat.settle();
  }

  /** Opens the view and shows `entries`, as the host answers `showHistory`. */
  async openWith(entries: HistoryEntry[], trash: HistoryEntry[] = [], scope: HistoryScope = 'workspace'): Promise<void> {
    await this.toggle();
    await this.chat.waitForPosted('showHistory');
    await this.list(entries, trash, scope);
  }

  /** The messages posted after `ready`, the handshake, and the draft counts, which are not the view's. */
  async actions(): Promise<WebviewToHost[]> {
    return (await this.chat.posted()).filter((m) => !['ready', 'draftChanged'].includes(m.type));
  }

  async lastAction(): Promise<WebviewToHost | undefined> {
    return (await this.actions()).at(-1);
  }

  async groups(): Promise<Array<[string, string[]]>> {
    return this.page.evaluate(() => Array.from(document.querySelectorAll('.history-group')).map((group) => [
      group.querySelector('.group-label')?.textContent ?? '',
      Array.from(group.querySelectorAll('.entry-title')).map((t) => t.textContent ?? ''),
    ] as [string, string[]]));
  }

  async focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      if (el.id) return `#${el.id}`;
      const title = el.closest('.history-row')?.querySelector('.entry-title')?.textContent;
      return title ? `${el.tagName === 'LI' ? 'row' : el.getAttribute('aria-label')}:${title}` : el.className;
    });
  }

  async row(title: string) {
    const row = this.page.locator('.history-row', { has: this.page.locator('.entry-title', { hasText: title }) });
    assert.equal(await row.count(), 1, `one row titled ${title}`);
    return row;
  }

  async close(): Promise<void> {
    assert.deepEqual(this.chat.pageErrors, []);
    await this.chat.close();
  }
}
