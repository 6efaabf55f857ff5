/** Something that holds a resource until it is disposed. `dispose` may be async. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

export function toDisposable(dispose: () => void | Promise<void>): Disposable {
  return { dispose };
}

/**
 * Holds disposables and releases them last-in first-out, so a resource is released before the
 * ones it was built on. Register a resource the moment it exists.
 */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Adds a disposable; when the store is already disposed, disposes it at once and says so. */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) {
      void item.dispose();
      throw new Error('DisposableStore is already disposed: the resource was released at once');
    }
    this.items.push(item);
    return item;
  }

  /**
   * Releases everything in reverse order. Every item is released even when one throws; the
   * errors are thrown together afterwards.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    while (this.items.length > 0) {
      const item = this.items.pop() as Disposable;
      try {
        await item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `${errors.length} resources failed to release`);
  }
}
