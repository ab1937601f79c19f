import { invalidSavepointName, savepointFinished, transactionFinished } from "../errors/factories";
import { Mutex } from "../utils/mutex";
import type { DriverConnection } from "./connection";

/** Runs one statement on the transaction's connection, with driver errors converted. */
export type StatementRunner = (sql: string) => Promise<void>;

/** The transaction or savepoint a piece of async work runs in, carried by AsyncLocalStorage. */
export class TransactionContext {
  active = true;
  /** How many savepoints deep this context is (0 for the transaction itself). */
  readonly depth: number;
  // Savepoints opened directly in this context take turns: rolling back one would also destroy
  // every savepoint opened after it on the same connection, undoing work that had succeeded.
  readonly nested = new Mutex();
  /** Names given to unnamed `tx.savepoint()`s of the whole transaction. */
  private savepointCount: number;

  constructor(
    readonly connection: DriverConnection,
    private readonly parent?: TransactionContext,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
    this.savepointCount = 0;
  }

  /** False once this context or any enclosing one has ended. */
  get isActive(): boolean {
    return this.active && (this.parent?.isActive ?? true);
  }

  /** A fresh name for an unnamed savepoint, unique within the outermost transaction. */
  nextSavepointName(): string {
    if (this.parent !== undefined) return this.parent.nextSavepointName();
    return `piccolo_user_${++this.savepointCount}`;
  }
}

// Plain identifiers only: the name is written into SQL (quoted), never bound.
const savepointName = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The transaction (or nested transaction) a `transaction()` callback runs in, passed to it as its
 * argument: it makes named savepoints to roll back to.
 * @example await DB.transaction(async (tx) => { const sp = await tx.savepoint("before_import"); await sp.rollbackTo(); })
 */
export class Transaction {
  /** @internal */
  constructor(
    private readonly context: TransactionContext,
    private readonly run: StatementRunner,
  ) {}

  /** True until this transaction (or nested transaction) commits or rolls back. */
  get isActive(): boolean {
    return this.context.isActive;
  }

  /**
   * Marks a point in this transaction to roll back to (`SAVEPOINT "name"`); without a name one is
   * made up. Work after it can be undone with `rollbackTo()` while the work before it stays.
   */
  async savepoint(name?: string): Promise<Savepoint> {
    if (name !== undefined && (typeof name !== "string" || !savepointName.test(name))) throw invalidSavepointName(name);
    if (!this.context.isActive) throw transactionFinished();
    const chosen = name ?? this.context.nextSavepointName();
    await this.run(`SAVEPOINT "${chosen}"`);
    return new Savepoint(chosen, this.context, this.run);
  }
}

/** A named point in a transaction, made by `tx.savepoint(name)`. */
export class Savepoint {
  private released = false;

  /** @internal */
  constructor(
    /** The savepoint's name in SQL. */
    readonly name: string,
    private readonly context: TransactionContext,
    private readonly run: StatementRunner,
  ) {}

  /** Undoes everything done since the savepoint was made; the savepoint stays, to roll back to again. */
  async rollbackTo(): Promise<void> {
    this.assertOpen();
    await this.run(`ROLLBACK TO SAVEPOINT "${this.name}"`);
  }

  /** Keeps the work done since the savepoint and forgets the savepoint (it commits with the transaction). */
  async release(): Promise<void> {
    this.assertOpen();
    this.released = true;
    await this.run(`RELEASE SAVEPOINT "${this.name}"`);
  }

  private assertOpen(): void {
    if (this.released || !this.context.isActive) throw savepointFinished(this.name);
  }
}
