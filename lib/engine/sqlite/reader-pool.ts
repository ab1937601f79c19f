import type { DriverConnection } from "../connection";

/** A read-only connection and how to close it. */
export interface Reader {
  readonly connection: DriverConnection;
  close(): unknown;
}

/**
 * A few read-only connections to a WAL database, opened on demand. Each reads the last committed
 * state, beside the writer's transaction, so a long transaction no longer holds up reads made
 * outside it. Callers beyond `size` wait for a reader to come back.
 */
export class ReaderPool {
  private readonly idle: Reader[] = [];
  private readonly waiters: Array<(reader: Reader) => void> = [];
  private count = 0;
  private closed = false;

  constructor(
    private readonly size: number,
    private readonly open: () => Promise<Reader>,
  ) {}

  /** An idle reader right now, without waiting (synchronous drivers use it in place). */
  tryAcquire(): Reader | undefined {
    return this.idle.pop();
  }

  /** A reader: an idle one, a new one while fewer than `size` are open, else the next one given back. */
  async acquire(): Promise<Reader> {
    const idle = this.idle.pop();
    if (idle !== undefined) return idle;
    if (this.count < this.size) {
      this.count++;
      try {
        return await this.open();
      } catch (error) {
        this.count--;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Gives a reader back (closed instead once the pool is closed). */
  release(reader: Reader): void {
    if (this.closed) {
      this.count--;
      void reader.close();
      return;
    }
    const next = this.waiters.shift();
    if (next) next(reader);
    else this.idle.push(reader);
  }

  /** Closes the idle readers now and the others as they come back. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle.splice(0);
    this.count -= idle.length;
    await Promise.all(idle.map((reader) => reader.close()));
  }
}
