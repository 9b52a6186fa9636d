import type { Usage } from '../core/conversation/turn';
import type { PanelState } from '../core/protocol';
import { button, codicon, h } from './dom';
import { formatTokens, usageDetail } from './format';
import type { VsCodeBridge } from './vscodeBridge';

/** The strip above the conversation: persona picker, model, conversation total, new conversation and export. */
export class Toolbar {
  private readonly picker = h('select', { id: 'persona-picker', attrs: { 'aria-label': 'Persona', title: 'Persona that answers the next message' } });
  private readonly model = h('span', { id: 'model', attrs: { title: 'Model' } });
  private readonly totals = h('span', { id: 'total-tokens', attrs: { 'aria-live': 'off' } });
  readonly element = h('header', { id: 'toolbar' }, [
    h('span', { className: 'picker-wrap' }, [codicon('person'), this.picker]),
    h('span', { className: 'model-wrap' }, [codicon('chip'), this.model]),
    h('span', { className: 'spacer' }),
    this.totals,
    button({ icon: 'export', label: 'Export conversation as Markdown', id: 'export-conversation' }),
    button({ icon: 'add', label: 'New conversation', id: 'new-conversation' }),
  ]);
  private personaKey = '';

  constructor(bridge: VsCodeBridge) {
    this.picker.addEventListener('change', () => bridge.post({ type: 'pickPersona', personaId: this.picker.value }));
    this.element.querySelector('#new-conversation')?.addEventListener('click', () => bridge.post({ type: 'newConversation' }));
    this.element.querySelector('#export-conversation')?.addEventListener('click', () => bridge.post({ type: 'exportConversation' }));
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
  }

  /** The conversation's total, and how full the context window was at the last response (when there was one). */
  setTotals(totals: Usage, contextShare?: string): void {
    this.totals.textContent = `Σ ${formatTokens(totals.totalTokens)}${contextShare ? ` · ${contextShare.replace(/ \(.*\)$/, '')}` : ''}`;
    this.totals.title = `Conversation total\n${usageDetail(totals)}${contextShare ? `\nLast response used ${contextShare}` : ''}`;
  }
}
