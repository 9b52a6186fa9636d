import type { Usage } from '../core/turn/usage';
import type { PanelState } from '../core/protocol';
import { button, codicon, h } from './dom';
import { usageDetail } from './format';
import { compactCount } from './history/entryText';
import type { VsCodeBridge } from './vscodeBridge';
import { wt } from '../core/l10n/webviewMessages';
import type { ConversationCost } from '../core/pricing/usageCost';
import { conversationCostLabel } from './priceBook';

/** The strip above the conversation: persona picker, model, conversation total, history, export and new conversation. */
export class Toolbar {
  private readonly picker = h('select', { id: 'persona-picker', attrs: { 'aria-label': wt('toolbar.persona'), title: wt('toolbar.personaTitle') } });
  private readonly model = h('span', { id: 'model', attrs: { title: wt('toolbar.model') } });
  /** Where the next turn goes; a click opens the endpoint picker. Sits beside the model so the header stays one row. */
  private readonly endpoint = h('button', { id: 'endpoint', attrs: { type: 'button', title: wt('toolbar.endpoint') } });
  private readonly totals = h('span', { id: 'total-tokens', attrs: { 'aria-live': 'off' } });
  /** Toggles the history view; its pressed state says whether the view is open. */
  readonly historyButton = button({ icon: 'history', label: wt('toolbar.history'), id: 'toggle-history' });
  private readonly unsaved = h('span', { id: 'unsaved', hidden: true, attrs: { role: 'status' } }, [codicon('warning'), h('span', { text: wt('toolbar.notYetSaved') })]);
  readonly element = h('header', { id: 'toolbar' }, [
    h('span', { className: 'picker-wrap' }, [codicon('person'), this.picker]),
    h('span', { className: 'model-wrap' }, [codicon('chip'), this.model, this.endpoint]),
    h('span', { className: 'spacer' }),
    this.unsaved,
    this.totals,
    this.historyButton,
    button({ icon: 'export', label: wt('toolbar.export'), id: 'export-conversation' }),
    button({ icon: 'add', label: wt('toolbar.newConversation'), id: 'new-conversation' }),
  ]);
  private personaKey = '';

  constructor(bridge: VsCodeBridge) {
    this.picker.addEventListener('change', () => bridge.post({ type: 'pickPersona', personaId: this.picker.value }));
    this.endpoint.addEventListener('click', () => bridge.post({ type: 'pickEndpoint' }));
    this.element.querySelector('#new-conversation')?.addEventListener('click', () => bridge.post({ type: 'newConversation' }));
    this.element.querySelector('#export-conversation')?.addEventListener('click', () => bridge.post({ type: 'exportConversation', format: 'markdown' }));
    this.historyButton.setAttribute('aria-pressed', 'false');
    this.historyButton.setAttribute('aria-controls', 'history-panel');
    this.setTotals({ inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 });
  }

  setState(state: PanelState): void {
    const key = JSON.stringify(state.personas);
    if (key !== this.personaKey) {
      this.personaKey = key;
      this.picker.replaceChildren(...state.personas.map((persona) =>
        h('option', { text: persona.label, attrs: { value: persona.id, title: persona.model } })));
    }
    this.picker.value = state.activePersonaId;
    this.picker.disabled = state.busy;
    this.model.textContent = state.model;
    this.endpoint.hidden = !state.endpoint;
    this.endpoint.textContent = state.endpoint ? `@ ${state.endpoint.label}` : '';
    this.endpoint.title = state.endpoint ? wt('toolbar.endpointTitle', state.endpoint.label, state.baseUrl) : '';
    this.endpoint.setAttribute('aria-label', state.endpoint ? wt('toolbar.endpointSwitch', state.endpoint.label) : wt('toolbar.endpoint'));
    // Writes are retried by the host until they land; until then the reader knows the newest turns are only in memory.
    this.unsaved.hidden = !state.unsaved || state.unsaved.pending === 0;
    this.unsaved.title = state.unsaved?.reason ? wt('toolbar.waitingForDiskReason', state.unsaved.reason) : wt('toolbar.waitingForDisk');
  }

  /**
   * The conversation's total tokens and, when every model it used has a price, its cost; then how full the context
   * window was at the last response (when there was one).
   */
  setTotals(totals: Usage, context?: { percent: string; text: string }, cost?: ConversationCost): void {
    const bill = conversationCostLabel(cost);
    // The header is a glance in a narrow side bar: magnitudes and a percentage; the tooltip has every figure. The
    // share is a span of its own, so a narrow side bar can drop it (it is in every answer's footer too).
    this.totals.replaceChildren(
      h('span', { className: 'total-sum', text: `Σ ${compactCount(totals.totalTokens)}` }),
      // Nothing spent yet is not worth a "$0" in a crowded header.
      ...(bill?.text && totals.totalTokens > 0 ? [h('span', { className: 'total-cost', text: ` · ${bill.text}` })] : []),
      ...(context ? [h('span', { className: 'total-share', text: ` · ${context.percent}%` })] : []),
    );
    const lines = [wt('toolbar.totalTitle'), usageDetail(totals), bill?.title, context ? wt('toolbar.lastResponseUsed', context.text) : undefined];
    this.totals.title = lines.filter(Boolean).join('\n');
  }
}
