const TURN = 'turn';
const ACTIONS = 'turn-actions';
/**
 * What the browser puts in the tab order inside a turn: buttons, chips, links made focusable, summaries. Code
 * blocks are left out on purpose: one that scrolls sideways must stay reachable by Tab in every turn, or its
 * hidden end could not be scrolled into view without a mouse.
 */
const CONTROLS = 'button, a[tabindex], summary, input, textarea';
const BAR_STOP = 'barStop';

/**
 * Which turn's controls Tab reaches: only the current turn's. The turns are a roving tab stop (one of them has
 * tabindex 0), and the controls of the others are taken out of the tab order, so Tab leaves a transcript of a
 * hundred answers in a few presses instead of walking through every copy button. Answers render late (streamed,
 * or built when scrolled near), so controls added to a turn that is not current are taken out as they appear.
 */
export class TurnTabStops {
  private currentTurn: HTMLElement | undefined;

  constructor(list: HTMLElement) {
    new MutationObserver((records) => this.onAdded(records)).observe(list, { childList: true, subtree: true });
  }

  get current(): HTMLElement | undefined {
    return this.currentTurn?.isConnected ? this.currentTurn : undefined;
  }

  makeCurrent(turn: HTMLElement): void {
    if (this.currentTurn === turn) return;
    const previous = this.currentTurn;
    this.currentTurn = turn;
    if (previous) {
      previous.tabIndex = -1;
      setControlsTabbable(previous, false);
    }
    turn.tabIndex = 0;
    setControlsTabbable(turn, true);
  }

  /** An action bar is one tab stop: the button last focused in it (else its first). */
  setBarStop(bar: HTMLElement, button: HTMLButtonElement): void {
    for (const other of bar.querySelectorAll<HTMLButtonElement>('button')) {
      other.tabIndex = other === button ? 0 : -1;
      if (other === button) other.dataset[BAR_STOP] = '';
      else delete other.dataset[BAR_STOP];
    }
  }

  private onAdded(records: MutationRecord[]): void {
    const touched = new Set<HTMLElement>();
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        const inside = node.closest<HTMLElement>(`.${TURN}`);
        if (inside) touched.add(inside);
        // A group of turns built at once, or a new turn: their own controls are settled when they are filled.
        else for (const turn of node.querySelectorAll<HTMLElement>(`.${TURN}`)) touched.add(turn);
      }
    }
    for (const turn of touched) setControlsTabbable(turn, turn === this.currentTurn);
  }
}

function setControlsTabbable(turn: HTMLElement, tabbable: boolean): void {
  for (const control of turn.querySelectorAll<HTMLElement>(CONTROLS)) {
    const bar = control.closest<HTMLElement>(`.${ACTIONS}`);
    control.tabIndex = tabbable && (!bar || isBarStop(bar, control)) ? 0 : -1;
  }
}

/** The bar's stop: the button last focused in it while it is shown, else its first shown button. */
function isBarStop(bar: HTMLElement, control: HTMLElement): boolean {
  const shown = Array.from(bar.querySelectorAll<HTMLButtonElement>('button')).filter((button) => !button.hidden);
  const stop = shown.find((button) => button.dataset[BAR_STOP] !== undefined) ?? shown[0];
  return stop === control;
}
