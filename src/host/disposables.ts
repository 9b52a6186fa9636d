/**
 * One owner for everything a host object registers (event listeners, emitters, status bar items, watchers):
 * added as it is created, disposed together, once, when the owner is. Something added after disposal is disposed
 * at once, so a late registration cannot leak. Structural, so it holds `vscode.Disposable`s without importing vscode.
 */
export interface DisposableLike {
  dispose(): unknown;
}

export class DisposableStore implements DisposableLike {
  private readonly items = new Set<DisposableLike>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends DisposableLike>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.add(item);
    return item;
  }

  /** Disposes one item before its owner goes, e.g. the listeners of a view that closed. */
  delete(item: DisposableLike): void {
    if (this.items.delete(item)) item.dispose();
  }

  /** Disposes in reverse order of adding, so nothing outlives what it was built on; one failure stops no other. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const items = [...this.items].reverse();
    this.items.clear();
    let failure: unknown;
    for (const item of items) {
      try {
        item.dispose();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }
}

/** A base for host classes: `_register` what the instance owns, and `dispose()` releases all of it. */
export abstract class DisposableOwner implements DisposableLike {
  protected readonly _store = new DisposableStore();

  protected _register<T extends DisposableLike>(item: T): T {
    return this._store.add(item);
  }

  dispose(): void {
    this._store.dispose();
  }
}
