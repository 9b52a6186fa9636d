import { button } from './dom';
import type { VsCodeBridge } from './vscodeBridge';

const ON_LABEL = 'Web search is on: answers may search the web and cite sources (click to turn off)';
const OFF_LABEL = 'Web search is off (click to search the web for the next messages)';

/**
 * The globe in the composer: whether the next messages may search the web. It starts as the active persona says
 * (`webSearch: true`), and a click overrides that for this persona until another persona is picked. The state is
 * kept with the webview's state, so hiding or reloading the panel keeps it; `aria-pressed` says it to everyone.
 */
export class WebSearchToggle {
  readonly element = button({ icon: 'globe', label: OFF_LABEL, id: 'web-search-toggle', className: 'web-search-toggle' });
  private personaId: string | undefined;
  private personaDefault = false;
  private override: boolean | undefined;

  constructor(private readonly bridge: VsCodeBridge) {
    const saved = bridge.loadState().webSearch;
    if (saved) {
      this.personaId = saved.personaId;
      this.override = saved.on;
    }
    this.element.addEventListener('click', () => this.set(!this.on));
    this.render();
  }

  get on(): boolean {
    return this.override ?? this.personaDefault;
  }

  /** The active persona, from each panel state: a different one starts from its own setting. */
  setPersona(personaId: string, webSearch: boolean): void {
    if (this.personaId !== undefined && this.personaId !== personaId) this.override = undefined;
    this.personaId = personaId;
    this.personaDefault = webSearch;
    this.save();
    this.render();
  }

  /** "Turn off web search" on a refused turn: off for what follows as well, not only for that retry. */
  turnOff(): void {
    this.set(false);
  }

  private set(on: boolean): void {
    this.override = on === this.personaDefault ? undefined : on;
    this.save();
    this.render();
  }

  private save(): void {
    this.bridge.saveState({ webSearch: this.override === undefined || this.personaId === undefined ? undefined : { personaId: this.personaId, on: this.override } });
  }

  private render(): void {
    const on = this.on;
    this.element.setAttribute('aria-pressed', String(on));
    this.element.classList.toggle('on', on);
    const label = on ? ON_LABEL : OFF_LABEL;
    this.element.setAttribute('aria-label', label);
    this.element.title = label;
  }
}
