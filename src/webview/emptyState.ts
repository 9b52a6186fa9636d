import type { PanelState } from '../core/protocol';
import { button, codicon, h } from './dom';
import type { VsCodeBridge } from './vscodeBridge';
import { wt } from '../core/l10n/webviewMessages';

/**
 * What the panel shows before it can answer: without an API key, how to set one or how to point Threadline
 * at another endpoint; with a key and no messages yet, a short welcome.
 */
export class EmptyState {
  private readonly baseUrl = h('code', { id: 'base-url' });
  readonly setup = h('section', { id: 'empty-state', hidden: true, attrs: { 'aria-labelledby': 'empty-state-title' } }, [
    h('h2', { id: 'empty-state-title' }, [codicon('key'), h('span', { text: wt('empty.connectTitle') })]),
    h('p', {}, splitAround(wt('empty.requestsGoTo'), this.baseUrl)),
    h('div', { className: 'empty-actions' }, [
      button({ icon: 'key', text: wt('empty.setApiKey'), label: wt('empty.setApiKeyLabel'), id: 'set-api-key', className: 'primary' }),
      button({ icon: 'add', text: wt('empty.useAnotherEndpoint'), label: wt('empty.useAnotherEndpointLabel'), id: 'add-endpoint' }),
    ]),
    h('p', { className: 'hint', text: wt('empty.keyNote') }),
  ]);
  readonly welcome = h('section', { id: 'welcome', hidden: true }, [
    h('h2', {}, [codicon('comment-discussion'), h('span', { text: wt('empty.askTitle') })]),
    h('p', { text: wt('empty.askBody') }),
  ]);

  constructor(bridge: VsCodeBridge) {
    this.setup.querySelector('#set-api-key')?.addEventListener('click', () => bridge.post({ type: 'setApiKey' }));
    this.setup.querySelector('#add-endpoint')?.addEventListener('click', () => bridge.post({ type: 'addEndpoint' }));
  }

  update(state: PanelState | undefined, turnCount: number): void {
    const needsKey = state !== undefined && !state.hasApiKey;
    this.setup.hidden = !needsKey;
    this.welcome.hidden = needsKey || state === undefined || turnCount > 0;
    if (state) this.baseUrl.textContent = state.baseUrl;
  }
}

/** The message around a node: `{0}` marks where the node goes, so each language places it where its grammar wants. */
function splitAround(message: string, node: Node): (string | Node)[] {
  const [before, after = ''] = message.split('{0}');
  return [before, node, after];
}
