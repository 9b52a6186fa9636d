/** The class every navigable row carries: history entries, trash entries and search results alike. */
export const ROW = 'history-row';

/**
 * Arrow-key navigation over the rows of the history view, with a roving tab stop: Tab enters the list once,
 * at the current row, and reaches that row's buttons; the arrows, Home and End move between rows. Other
 * rows' buttons stay out of the tab order, so Tab leaves a list of two hundred entries in a few presses.
 */
export class RovingFocus {
  /** `onExitTop`: ArrowUp on the first row, which goes back to the search box. */
  constructor(private readonly container: HTMLElement, private readonly onExitTop: () => void) {
    container.addEventListener('keydown', (event) => this.onKeyDown(event));
    container.addEventListener('focusin', (event) => {
      const row = event.target instanceof Element ? event.target.closest<HTMLElement>(`.${ROW}`) : null;
      if (row) this.makeCurrent(row);
    });
  }

  /** Rows a reader can see: those in a closed section (the collapsed trash) are skipped. */
  rows(): HTMLElement[] {
    return Array.from(this.container.querySelectorAll<HTMLElement>(`.${ROW}`)).filter((row) => !row.closest('details:not([open]), [hidden]'));
  }

  /** After rendering: the row with this key stays current (and focused, if focus was in the list), else the first. */
  refresh(currentKey?: string, focus = false): void {
    const rows = this.rows();
    const current = rows.find((row) => row.dataset.key === currentKey) ?? rows[0];
    for (const row of this.container.querySelectorAll<HTMLElement>(`.${ROW}`)) this.setTabbable(row, row === current);
    if (current && focus) current.focus();
  }

  focusFirst(): boolean {
    const first = this.rows()[0];
    first?.focus();
    return first !== undefined;
  }

  private makeCurrent(row: HTMLElement): void {
    if (row.tabIndex === 0) return;
    for (const other of this.container.querySelectorAll<HTMLElement>(`.${ROW}`)) this.setTabbable(other, other === row);
  }

  private setTabbable(row: HTMLElement, tabbable: boolean): void {
    row.tabIndex = tabbable ? 0 : -1;
    for (const control of row.querySelectorAll<HTMLElement>('button, input')) control.tabIndex = tabbable ? 0 : -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const target = event.target instanceof HTMLElement ? event.target : null;
    // Keys typed into the rename box are text, not navigation.
    if (!target || target.tagName === 'INPUT' || !target.classList.contains(ROW)) return;
    const rows = this.rows();
    const index = rows.indexOf(target);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = rows[index + 1];
    else if (event.key === 'ArrowUp' && index === 0) {
      event.preventDefault();
      this.onExitTop();
      return;
    } else if (event.key === 'ArrowUp') next = rows[index - 1];
    else if (event.key === 'Home') next = rows[0];
    else if (event.key === 'End') next = rows[rows.length - 1];
    else return;
    event.preventDefault();
    next?.focus();
  }
}
