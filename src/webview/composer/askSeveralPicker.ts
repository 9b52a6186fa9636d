import type { PersonaRef } from '../../core/composer/slashCommands';
import { button, h } from '../dom';
import { wt } from '../../core/l10n/webviewMessages';

/**
 * "Ask several": a composer button that opens a list of personas to tick; Ask sends the draft to each of them at
 * once (a fan-out turn), as typing `@a @b …` does. Escape or Cancel closes it, and focus goes back to the button.
 */
export class AskSeveralPicker {
  readonly button = button({ icon: 'organization', label: wt('fanout.askSeveralLabel'), id: 'ask-several' });
  private readonly list = h('fieldset', { className: 'ask-several-list' }, []);
  private readonly askButton = button({ icon: 'send', text: wt('fanout.ask'), label: wt('fanout.askTicked'), id: 'ask-several-send', className: 'primary' });
  readonly popup = h('div', { id: 'ask-several-picker', hidden: true, attrs: { role: 'dialog', 'aria-label': wt('fanout.askSeveral') } }, [
    this.list,
    h('div', { className: 'ask-several-actions' }, [this.askButton, button({ icon: 'close', text: wt('composer.cancel'), label: wt('fanout.close'), id: 'ask-several-cancel' })]),
  ]);
  private personas: readonly PersonaRef[] = [];

  constructor(private readonly ask: (personaIds: string[]) => void) {
    this.button.setAttribute('aria-haspopup', 'dialog');
    this.button.setAttribute('aria-expanded', 'false');
    this.button.addEventListener('click', () => (this.popup.hidden ? this.open() : this.close()));
    this.askButton.addEventListener('click', () => {
      const ids = this.ticked();
      if (ids.length < 2) return;
      this.close();
      this.ask(ids);
    });
    this.popup.querySelector('#ask-several-cancel')?.addEventListener('click', () => this.close());
    this.popup.addEventListener('change', () => this.refresh());
    this.popup.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.close();
    });
  }

  setPersonas(personas: readonly PersonaRef[]): void {
    this.personas = personas;
    // Fan-out needs two personas to choose from.
    this.button.hidden = personas.length < 2;
  }

  private open(): void {
    const ticked = new Set(this.ticked());
    this.list.replaceChildren(
      h('legend', { text: wt('fanout.sendToEach') }),
      ...this.personas.map((persona) => {
        const box = h('input', { attrs: { type: 'checkbox', value: persona.id } });
        box.checked = ticked.has(persona.id);
        return h('label', { className: 'ask-several-option' }, [box, h('span', { text: persona.label })]);
      }),
    );
    this.popup.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.refresh();
    this.list.querySelector('input')?.focus();
  }

  private close(): void {
    if (this.popup.hidden) return;
    this.popup.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    this.button.focus();
  }

  private ticked(): string[] {
    return Array.from(this.list.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked'), (box) => box.value);
  }

  private refresh(): void {
    const count = this.ticked().length;
    this.askButton.disabled = count < 2;
    this.askButton.querySelector('span')!.textContent = count >= 2 ? wt('fanout.askCount', count) : wt('fanout.ask');
  }
}
