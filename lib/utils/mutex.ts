/**
 * A FIFO async lock. SQLite has one connection per engine, so a transaction that awaits must
 * keep every other caller out until it commits; `tryAcquire` lets a synchronous driver skip the
 * promise hop when nobody holds the lock.
 */
export class Mutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  /** True when the lock is held by someone. */
  get isLocked(): boolean {
    return this.locked;
  }

  /** Takes the lock now if it is free. */
  tryAcquire(): boolean {
    if (this.locked) return false;
    this.locked = true;
    return true;
  }

  /** Resolves once the caller holds the lock. */
  acquire(): Promise<void> {
    if (this.tryAcquire()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Hands the lock to the next waiter, or frees it. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}
