import { AsyncLocalStorage } from "node:async_hooks";
import { databaseErrorMessage, makeDatabaseError } from "../errors/database-error";
import {
  invalidEngineOption,
  invalidLogOption,
  nodeInTransaction,
  transactionFinished,
  unknownNode,
} from "../errors/factories";
import { OrmError } from "../errors/orm-error";
import { requestedNode } from "./node-scope";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { ClassifiedError, Dialect } from "../sql/dialects/dialect";
import { Atomic } from "./atomic";
import type { LeasedConnection, QueryMode, QueryResult } from "./connection";
import { backoffDelay, isRetryable, sleep } from "./retry";
import { currentTimeout, withoutRunOptions } from "./run-options";
import { Transaction, TransactionContext } from "./transaction-context";
import { checkTransactionOptions, type TransactionOptions } from "./transaction-options";
import { type MaybePromise, promiseOf } from "../utils/maybe-sync";

export type { IsolationLevel, TransactionOptions, TransactionType } from "./transaction-options";

/** One query as the engine's log sees it. */
export interface QueryLogEntry {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly durationMs: number;
  /** Rows returned or changed; undefined when the query failed. */
  readonly rowCount?: number;
  readonly error?: unknown;
}

/** `log: true` prints each query; a function receives each entry instead. */
export type QueryLogOption = boolean | ((entry: QueryLogEntry) => void);

/** The `batchLookups` engine option: a boolean, or the engine's default when left out. */
export function checkBatchLookups(engine: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalidEngineOption(engine, "batchLookups", value, "true or false");
  return value;
}

const nothing = (): void => undefined;

function printEntry(entry: QueryLogEntry): void {
  const status = entry.error ? `failed: ${(entry.error as Error).message}` : `${entry.rowCount} row(s)`;
  console.log(
    `[piccolo] ${entry.durationMs.toFixed(2)} ms, ${status}: ` +
      `${entry.sql} -- ${JSON.stringify(entry.params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
  );
}

/**
 * A database: runs compiled queries on its connections and binds every query made inside
 * `transaction()` — however deep in the call stack — to that transaction's connection.
 */
export abstract class Engine {
  /** The SQL dialect queries on this engine compile to. */
  abstract readonly dialect: Dialect;
  private readonly transactions = new AsyncLocalStorage<TransactionContext>();
  /**
   * Same-tick primary-key lookups of one shape go out as one query (the engines' `batchLookups`
   * option; see lib/query/lookup-batch.ts).
   */
  batchLookups = false;
  private logger: ((entry: QueryLogEntry) => void) | undefined;
  /** Retries of a transaction that does not say (`transaction(fn, { retries })`); 0 but on CockroachEngine. */
  protected get defaultRetries(): number {
    return 0;
  }

  /** Turns query logging on (`true` prints, a function receives entries) or off. */
  setLog(log: QueryLogOption | undefined): void {
    if (log !== undefined && typeof log !== "boolean" && typeof log !== "function") {
      throw invalidLogOption(log);
    }
    this.logger = log === true ? printEntry : log || undefined;
  }

  /** Runs a query outside any transaction. */
  protected abstract queryOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
    columns?: readonly string[],
    /** A plain select (see CompiledQuery.readOnly): an engine with read replicas may route it. */
    readOnly?: boolean,
  ): QueryResult | Promise<QueryResult>;
  /** Streams a query's rows outside any transaction. */
  protected abstract streamOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    size: number,
    columns?: readonly string[],
    readOnly?: boolean,
  ): AsyncIterable<unknown[][]>;
  /** Lends a connection to a transaction. */
  protected abstract acquire(): Promise<LeasedConnection>;
  /** A connection lent at once when one is free without waiting (SQLite's idle writer), else undefined. */
  protected acquireNow(): LeasedConnection | undefined {
    return undefined;
  }
  /** The statement that opens a transaction. */
  protected abstract beginStatement(options: TransactionOptions): string;
  /** A statement run right after BEGIN to set the transaction up (CockroachDB: keep DDL inside it), if any. */
  protected transactionSetup(): string | undefined {
    return undefined;
  }
  /** Closes every connection. */
  abstract close(): Promise<void>;
  /**
   * Opens a connection now, so a wrong host, port, user, password, database or file fails at app
   * start with a `ConnectionError` that names what it tried, rather than on the first query.
   */
  abstract startPool(): Promise<void>;

  /** Runs a compiled query on the current transaction's connection, or on a free one. */
  query(compiled: CompiledQuery, mode: QueryMode): Promise<QueryResult> {
    return promiseOf(() => this.queryNow(compiled, mode));
  }

  /**
   * @internal `query()`, but a synchronous driver's result comes back as it is, not in a promise,
   * so that a builder maps it and makes one promise in all (it may still throw, or reject).
   */
  queryNow(compiled: CompiledQuery, mode: QueryMode): MaybePromise<QueryResult> {
    const node = requestedNode();
    return node === undefined
      ? this.queryHere(compiled, mode)
      : this.nodeOutsideTransaction(node).queryHere(compiled, mode);
  }

  /** Runs a query on this engine itself (not on a requested extra node). */
  private queryHere(compiled: CompiledQuery, mode: QueryMode): MaybePromise<QueryResult> {
    return this.logger === undefined ? this.runNow(compiled, mode) : this.runLogged(compiled, mode, this.logger);
  }

  private run(compiled: CompiledQuery, mode: QueryMode): Promise<QueryResult> {
    return promiseOf(() => this.runNow(compiled, mode));
  }

  // Not async: a synchronous driver's result is returned as it is (see queryNow).
  private runNow(compiled: CompiledQuery, mode: QueryMode): MaybePromise<QueryResult> {
    const timeout = currentTimeout();
    if (timeout !== undefined) return withoutRunOptions(() => this.runTimed(compiled, mode, timeout));
    const tx = this.transactions.getStore();
    let result: QueryResult | Promise<QueryResult>;
    try {
      if (tx === undefined)
        result = this.queryOutsideTransaction(
          compiled.sql,
          compiled.params,
          mode,
          compiled.name,
          compiled.columns,
          compiled.readOnly,
        );
      else if (!tx.isActive) throw transactionFinished();
      else result = tx.connection.query(compiled.sql, compiled.params, mode, compiled.name, compiled.columns);
    } catch (error) {
      return this.convertError(error, compiled, tx).then((converted) => Promise.reject(converted));
    }
    if (!(result instanceof Promise)) return result;
    return result.catch(async (error: unknown) => {
      throw await this.convertError(error, compiled, tx);
    });
  }

  /**
   * One statement under a timeout (`.run({ timeout })`): inside a transaction the timeout is set
   * for it and put back after; outside one it gets a short transaction of its own, so a setting
   * never outlives the statement on a pooled connection.
   */
  private async runTimed(compiled: CompiledQuery, mode: QueryMode, timeout: number): Promise<QueryResult> {
    const tx = this.transactions.getStore();
    if (tx === undefined || !tx.isActive)
      return this.transaction(() => this.run(compiled, mode), { statementTimeout: timeout, type: "deferred" });
    return this.withTimeout(tx, timeout, () => this.run(compiled, mode));
  }

  private async runLogged(
    compiled: CompiledQuery,
    mode: QueryMode,
    log: (entry: QueryLogEntry) => void,
  ): Promise<QueryResult> {
    const started = performance.now();
    const params = this.redacted(compiled);
    try {
      const result = await this.run(compiled, mode);
      log({ sql: compiled.sql, params, durationMs: performance.now() - started, rowCount: result.rowCount });
      return result;
    } catch (error) {
      log({ sql: compiled.sql, params, durationMs: performance.now() - started, error });
      throw error;
    }
  }

  /** Parameters with those of secret columns hidden. */
  private redacted(compiled: CompiledQuery): readonly unknown[] {
    const secret = compiled.secretParams;
    return secret && secret.length > 0
      ? compiled.params.map((p, i) => (secret.includes(i) ? "[secret]" : p))
      : compiled.params;
  }

  /**
   * Reads a query's rows (as arrays) in chunks of `size`: a server-side cursor on PostgreSQL, a
   * stepped statement on SQLite. Inside a transaction it reads on the transaction's connection.
   */
  stream(compiled: CompiledQuery, size: number): AsyncGenerator<unknown[][]> {
    const node = requestedNode();
    return node === undefined
      ? this.streamHere(compiled, size)
      : this.nodeOutsideTransaction(node).streamHere(compiled, size);
  }

  private async *streamHere(compiled: CompiledQuery, size: number): AsyncGenerator<unknown[][]> {
    const tx = this.transactions.getStore();
    try {
      if (tx !== undefined && !tx.isActive) throw transactionFinished();
      const chunks =
        tx === undefined
          ? this.streamOutsideTransaction(compiled.sql, compiled.params, size, compiled.columns, compiled.readOnly)
          : tx.connection.stream(compiled.sql, compiled.params, size, compiled.columns);
      for await (const chunk of chunks) yield chunk;
    } catch (error) {
      throw await this.convertError(error, compiled, tx);
    }
  }

  /**
   * Runs SQL written by hand with `{}` placeholders for bound parameters; rows come back as objects.
   * @example await DB.rawQuery("SELECT * FROM band WHERE name = {}", ["Pythonistas"])
   */
  async rawQuery(sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
    const compiled = this.dialect.compiler.compile({ kind: "raw", sql, params });
    return (await this.query(compiled, "objects")).rows as Record<string, unknown>[];
  }

  /**
   * The extra node (e.g. a read replica) of this engine with this name; `.run({ node })` sends a
   * query there. Engines without extra nodes have none.
   */
  node(name: string): Engine {
    throw unknownNode(this.constructor.name, name, []);
  }

  /** The named node's engine; inside a transaction every query must stay on its connection. */
  private nodeOutsideTransaction(name: string): Engine {
    if (this.inTransaction) throw nodeInTransaction(name);
    return this.node(name);
  }

  /** True while the calling async context is inside a transaction of this engine. */
  get inTransaction(): boolean {
    return this.transactions.getStore()?.isActive ?? false;
  }

  /**
   * True while the calling async context is inside a transaction of this engine (Piccolo's
   * `transaction_exists()`).
   * @example if (!DB.transactionExists()) console.log("autocommit");
   */
  transactionExists(): boolean {
    return this.inTransaction;
  }

  /**
   * Collects queries to run later in one transaction (`add(...)`, then `run()`).
   * @example const batch = DB.atomic(); batch.add(Band.insert({ name: "A" })); await batch.run();
   */
  atomic(options: TransactionOptions = {}): Atomic {
    return new Atomic(this, checkTransactionOptions(options));
  }

  /**
   * Runs `fn` in a transaction: commits when it returns, rolls back when it throws. Called inside
   * another transaction it becomes a savepoint, rolled back alone when `fn` throws. With
   * `retries`, a serialization failure, deadlock or locked database re-runs the whole callback
   * after a jittered backoff, so `fn` must be safe to run again (no side effects outside the
   * database, or ones that tolerate repeating). `fn` gets the transaction, to make savepoints.
   * @example await DB.transaction(async () => { await band.save(); await manager.save(); })
   */
  transaction<TResult>(fn: (tx: Transaction) => Promise<TResult>, options: TransactionOptions = {}): Promise<TResult> {
    try {
      checkTransactionOptions(options);
    } catch (error) {
      return Promise.reject(error);
    }
    const outer = this.transactions.getStore();
    // A nested transaction cannot retry: the outer one's snapshot and locks are what failed.
    if (outer?.isActive) return this.savepoint(outer, fn, options);
    const retries = options.retries ?? this.defaultRetries;
    // Not async, and no retry loop when there are no retries: one async frame fewer per transaction.
    return retries === 0 ? this.runTransaction(fn, options) : this.retrying(fn, options, retries);
  }

  private async retrying<TResult>(
    fn: (tx: Transaction) => Promise<TResult>,
    options: TransactionOptions,
    retries: number,
  ): Promise<TResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.runTransaction(fn, options);
      } catch (error) {
        if (attempt >= retries || !isRetryable(error)) throw error;
        options.onRetry?.(error, attempt + 1);
        await sleep(backoffDelay(attempt, options.retryBaseDelay ?? 10, options.retryMaxDelay ?? 1000));
      }
    }
  }

  private async runTransaction<TResult>(
    fn: (tx: Transaction) => Promise<TResult>,
    options: TransactionOptions,
  ): Promise<TResult> {
    const lease =
      this.acquireNow() ??
      (await this.acquire().catch(async (error: unknown) => {
        throw await this.convertError(error, { sql: "BEGIN", params: [] });
      }));
    const tx = new TransactionContext(lease.connection);
    let releaseError: Error | undefined;
    try {
      // BEGIN and COMMIT on a synchronous driver are done at once: no await for them.
      const begun = this.runOnNow(tx, this.beginStatement(options));
      if (begun !== undefined) await begun;
      const setup = this.transactionSetup();
      if (setup !== undefined) await this.runOn(tx, setup);
      let result: TResult;
      try {
        result = await this.transactions.run(tx, () => this.runBody(tx, fn, options.statementTimeout));
      } catch (error) {
        tx.active = false;
        await this.runOn(tx, "ROLLBACK").catch((rollbackError: Error) => {
          releaseError = rollbackError;
        });
        throw error;
      }
      tx.active = false;
      const committed = this.runOnNow(tx, "COMMIT");
      if (committed !== undefined)
        await committed.catch(async (commitError: Error) => {
          await this.runOn(tx, "ROLLBACK").catch(() => undefined);
          throw commitError;
        });
      return result;
    } catch (error) {
      // A connection that died mid-transaction must leave the pool, not be lent again.
      if (releaseError === undefined && this.isConnectionLost(error)) releaseError = error as Error;
      throw error;
    } finally {
      tx.active = false;
      lease.release(releaseError);
    }
  }

  /** Calls the callback with its Transaction, under the statement timeout when one is set. */
  private runBody<TResult>(
    tx: TransactionContext,
    fn: (tx: Transaction) => Promise<TResult>,
    timeout?: number,
  ): Promise<TResult> {
    const handle = new Transaction(tx, (sql) => this.runOn(tx, sql));
    return timeout === undefined ? fn(handle) : this.withTimeout(tx, timeout, () => fn(handle));
  }

  /** Runs `fn` with a statement timeout on the transaction's connection (set after BEGIN or SAVEPOINT). */
  private withTimeout<TResult>(tx: TransactionContext, ms: number, fn: () => Promise<TResult>): Promise<TResult> {
    const run = async (sql: string, params: readonly unknown[]) => {
      try {
        return await tx.connection.query(sql, params, "objects");
      } catch (error) {
        throw await this.convertError(error, { sql, params }, tx);
      }
    };
    return tx.connection.withTimeout(ms, fn, run);
  }

  private async savepoint<TResult>(
    parent: TransactionContext,
    fn: (tx: Transaction) => Promise<TResult>,
    options: TransactionOptions,
  ): Promise<TResult> {
    await parent.nested.acquire();
    const tx = new TransactionContext(parent.connection, parent);
    const name = `piccolo_sp_${tx.depth}`;
    try {
      await this.runOn(tx, `SAVEPOINT ${name}`);
      try {
        const result = await this.transactions.run(tx, () => this.runBody(tx, fn, options.statementTimeout));
        await this.runOn(tx, `RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (error) {
        await this.runOn(tx, `ROLLBACK TO SAVEPOINT ${name}`);
        await this.runOn(tx, `RELEASE SAVEPOINT ${name}`);
        throw error;
      }
    } finally {
      tx.active = false;
      parent.nested.release();
    }
  }

  private runOn(tx: TransactionContext, sql: string): Promise<void> {
    return promiseOf(() => this.runOnNow(tx, sql));
  }

  /** Runs one statement of the transaction: done (undefined) when the driver ran it at once, else a promise. */
  private runOnNow(tx: TransactionContext, sql: string): Promise<void> | undefined {
    let result: MaybePromise<QueryResult>;
    try {
      result = tx.connection.query(sql, [], "run");
    } catch (error) {
      return this.failedOn(tx, sql, error);
    }
    return result instanceof Promise
      ? result.then(nothing, (error: unknown) => this.failedOn(tx, sql, error))
      : undefined;
  }

  private async failedOn(tx: TransactionContext, sql: string, error: unknown): Promise<never> {
    throw await this.convertError(error, { sql, params: [] }, tx);
  }

  /** Whether an error means the connection it came from is gone (never to be reused). */
  protected isConnectionLost(error: unknown): boolean {
    return (error as { code?: string } | null)?.code === "PICCOLO_CONNECTION_LOST";
  }

  /** The cause of an error in plain words, leading its message; engines add what they know (SQLite's busyTimeout). */
  protected errorReason(classified: ClassifiedError): string | undefined {
    return classified.reason;
  }

  /**
   * Wraps a driver error in the typed DatabaseError its dialect maps it to, completed from the
   * catalogue where the driver's error lacks something (read on the connection that failed).
   */
  private async convertError(error: unknown, compiled: CompiledQuery, tx?: TransactionContext): Promise<unknown> {
    if (error instanceof OrmError || !(error instanceof Error)) return error;
    let classified = this.dialect.classifyError(error);
    if (this.dialect.describeError !== undefined) {
      const catalogue = async (query: CompiledQuery) => {
        const result =
          tx === undefined
            ? await this.queryOutsideTransaction(query.sql, query.params, "objects")
            : await tx.connection.query(query.sql, query.params, "objects");
        return result.rows as Record<string, unknown>[];
      };
      classified = await this.dialect.describeError(classified, catalogue);
    }
    const { kind, fields } = classified;
    return makeDatabaseError(
      kind,
      databaseErrorMessage(kind, error.message, compiled.sql, fields, this.errorReason(classified)),
      compiled.sql,
      this.redacted(compiled),
      fields,
      error,
    );
  }
}
