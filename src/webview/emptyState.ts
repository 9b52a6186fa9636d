import type { PanelState } from '../core/protocol';
import { button, codicon, h } from './dom';
import type { VsCodeBridge } from './vscodeBridge';

/**
 * What the panel shows before it can answer: without an API key, how to set one or how to point Threadline
 * at another endpoint; with a key and no messages yet, a short welcome.
 */
export class EmptyState {
  private readonly baseUrl = h('code', { id: 'base-url' });
  readonly setup = h('section', { id: 'empty-state', hidden: true, attrs: { 'aria-labelledby': 'empty-state-title' } }, [
    h('h2', { id: 'empty-state-title' }, [codicon('key'), h('span', { text: 'Connect Threadline to a model' })]),
    h('p', {}, ['Requests go to ', this.baseUrl, ', and no API key is set for it yet.']),
    h('div', { className: 'empty-actions' }, [
      button({ icon: 'key', text: 'Set API Key', label: 'Set API key', id: 'set-api-key', className: 'primary' }),
      button({ icon: 'settings-gear', text: 'Use Another Endpoint', label: 'Open Threadline settings to change the endpoint', id: 'open-settings' }),
    ]),
    h('p', { className: 'hint', text: 'The key is kept in VS Code secret storage. For Azure OpenAI or a local OpenAI-compatible server, change the base URL in the settings.' }),
  ]);
  readonly welcome = h('section', { id: 'welcome', hidden: true }, [
    h('h2', {}, [codicon('comment-discussion'), h('span', { text: 'Ask about your code' })]),
    h('p', { text: 'Type a question below. Select code and use Threadline: Explain Selection to ask about it. Enter sends, Shift+Enter adds a line.' }),
  ]);

  constructor(bridge: VsCodeBridge) {
    this.setup.querySelector('#set-api-key')?.addEventListener('click', () => bridge.post({ type: 'setApiKey' }));
    this.setup.querySelector('#open-settings')?.addEventListener('click', () => bridge.post({ type: 'openSettings' }));
  }

  update(state: PanelState | undefined, turnCount: number): void {
    const needsKey = state !== undefined && !state.hasApiKey;
    this.setup.hidden = !needsKey;
    this.welcome.hidden = needsKey || state === undefined || turnCount > 0;
    if (state) this.baseUrl.textContent = state.baseUrl;
  }
}
