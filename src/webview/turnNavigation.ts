/** What keyboard navigation needs of the transcript: its list of turn groups, and building what is not built yet. */
export interface TurnList {
  readonly list: HTMLElement;
  /**
   * Makes the turns of a group still left as a placeholder (far from the viewport); nothing if already made. When
   * the host has not sent them yet, the turn at `edge` is focused once they come.
   */
  buildPending(group: Element, edge?: 'first' | 'last'): void;
  get(turnId: string): { materialize(): unknown } | undefined;
}

import { TurnTabStops } from './turnTabStops';

const TURN = 'turn';
const ACTIONS = 'turn-actions';

/**
 * The keyboard in the transcript. Turns have a roving tab stop: Tab enters the conversation once, at the current
 * turn (the newest, until the reader moves), and goes on to that turn's actions. On a turn, ↑/↓ or k/j move to the
 * previous/next turn and Home/End to the first/last; Alt+↑/↓ move from anywhere inside a turn, and Escape goes
 * back up to the turn. Each action bar is one tab stop whose buttons ←/→ move between (the toolbar pattern),
 * so Tab does not walk through five buttons of every turn.
 */
export class TurnNavigation {
  private readonly stops: TurnTabStops;

  constructor(private readonly turns: TurnList) {
    this.stops = new TurnTabStops(turns.list);
    turns.list.addEventListener('keydown', (event) => this.onKeyDown(event));
    turns.list.addEventListener('focusin', (event) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const turn = target?.closest<HTMLElement>(`.${TURN}`);
      if (turn) this.stops.makeCurrent(turn);
      const bar = target?.closest<HTMLElement>(`.${ACTIONS}`);
      if (bar && target instanceof HTMLButtonElement) this.stops.setBarStop(bar, target);
    });
  }

  /** After the list changed: if the current turn went away, the newest turn becomes the tab stop. */
  sync(): void {
    if (this.stops.current) return;
    const newest = this.turns.list.lastElementChild?.lastElementChild;
    if (newest instanceof HTMLElement && newest.classList.contains(TURN)) this.stops.makeCurrent(newest);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target instanceof HTMLElement ? event.target : null;
    const turn = target?.closest<HTMLElement>(`.${TURN}`);
    if (!target || !turn || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const onTurn = target === turn;
    let next: HTMLElement | undefined;
    if (event.altKey) {
      if (event.key === 'ArrowDown') next = this.neighbour(turn, 1);
      else if (event.key === 'ArrowUp') next = this.neighbour(turn, -1);
      else return;
    } else if (onTurn) {
      if (event.key === 'ArrowDown' || event.key === 'j') next = this.neighbour(turn, 1);
      else if (event.key === 'ArrowUp' || event.key === 'k') next = this.neighbour(turn, -1);
      else if (event.key === 'Home') next = this.edge('first');
      else if (event.key === 'End') next = this.edge('last');
      else return;
    } else if (event.key === 'Escape') {
      next = turn;
    } else {
      const bar = target.closest<HTMLElement>(`.${ACTIONS}`);
      if (!bar || !moveInBar(bar, target, event.key)) return;
      event.preventDefault();
      return;
    }
    // At the first or last turn the key still belongs to the list, so the page does not scroll instead.
    event.preventDefault();
    if (next) this.focusTurn(next);
  }

  /** The turn before or after, building the neighbouring group first when it is still a placeholder. */
  private neighbour(turn: HTMLElement, step: 1 | -1): HTMLElement | undefined {
    const sibling = step > 0 ? turn.nextElementSibling : turn.previousElementSibling;
    if (sibling instanceof HTMLElement) return sibling;
    const group = step > 0 ? turn.parentElement?.nextElementSibling : turn.parentElement?.previousElementSibling;
    if (!group) return undefined;
    this.turns.buildPending(group, step > 0 ? 'first' : 'last');
    const edge = step > 0 ? group.firstElementChild : group.lastElementChild;
    return edge instanceof HTMLElement ? edge : undefined;
  }

  private edge(which: 'first' | 'last'): HTMLElement | undefined {
    const group = which === 'first' ? this.turns.list.firstElementChild : this.turns.list.lastElementChild;
    if (!group) return undefined;
    this.turns.buildPending(group, which);
    const turn = which === 'first' ? group.firstElementChild : group.lastElementChild;
    return turn instanceof HTMLElement ? turn : undefined;
  }

  private focusTurn(turn: HTMLElement): void {
    // A turn far from the viewport is an empty placeholder until built; a reader must land on its text.
    if (turn.dataset.turnId) this.turns.get(turn.dataset.turnId)?.materialize();
    turn.focus();
  }
}

/** ←/→ (and Home/End) between the buttons of an action bar that are shown; true when the key was used. */
function moveInBar(bar: HTMLElement, from: HTMLElement, key: string): boolean {
  const buttons = Array.from(bar.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.getClientRects().length > 0);
  const index = buttons.indexOf(from as HTMLButtonElement);
  if (index === -1) return false;
  const targets: Record<string, HTMLButtonElement | undefined> = {
    ArrowRight: buttons[(index + 1) % buttons.length],
    ArrowLeft: buttons[(index - 1 + buttons.length) % buttons.length],
    Home: buttons[0],
    End: buttons.at(-1),
  };
  const to = targets[key];
  if (!to) return false;
  to.focus();
  return true;
}
