import { button } from './dom';
import type { VsCodeBridge } from './vscodeBridge';

const ON_LABEL = 'Web search is on: answers may search the web and cite sources (click to turn off)';
const OFF_LABEL = 'Web search is off (click to search the web for the next messages)';

/**
 * The globe in the composer: whether this panel's messages may search the web. It shows the host's panel option
 * (the same one `/web on|off` sets, and a persona with `webSearch: true` turns on when it becomes active), and a
 * click asks the host to change it; `aria-pressed` says the state to everyone.
 */
export class WebSearchToggle {
  readonly element = button({ icon: 'globe', label: OFF_LABEL, id: 'web-search-toggle', className: 'web-search-toggle' });
  private enabled = false;

  constructor(private readonly bridge: VsCodeBridge) {
    this.element.addEventListener('click', () => this.set(!this.enabled));
    this.render();
  }

  get on(): boolean {
    return this.enabled;
  }

  /** The host's word, from each panel state. */
  show(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  /** "Turn off web search" on a refused turn: off for what follows as well, not only for that retry. */
  turnOff(): void {
    this.set(false);
  }

  private set(enabled: boolean): void {
    // Shown at once; the host's next state confirms it (or puts it back if the message did not go).
    if (this.bridge.post({ type: 'setWebSearch', enabled })) this.show(enabled);
  }

  private render(): void {
    this.element.setAttribute('aria-pressed', String(this.enabled));
    this.element.classList.toggle('on', this.enabled);
    const label = this.enabled ? ON_LABEL : OFF_LABEL;
    this.element.setAttribute('aria-label', label);
    this.element.title = label;
  }
}
