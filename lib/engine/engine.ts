import { AsyncLocalStorage } from "node:async_hooks";
import { databaseErrorMessage, makeDatabaseError } from "../errors/database-error";
import {
  nodeInTransaction,
  unknownNode,
  assertKnownOptions,
  invalidLogOption,
  invalidTransactionOptions,
  transactionFinished,
  unknownIsolationLevel,
} from "../errors/factories";
import { OrmError } from "../errors/orm-error";
import { requestedNode } from "./node-scope";
import type { CompiledQuery } from "../sql/compiler/compiled-query";
import type { Dialect } from "../sql/dialects/dialect";
import { Mutex } from "../utils/mutex";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "./connection";

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

function printEntry(entry: QueryLogEntry): void {
  const status = entry.error ? `failed: ${(entry.error as Error).message}` : `${entry.rowCount} row(s)`;
  console.log(
    `[piccolo] ${entry.durationMs.toFixed(2)} ms, ${status}: ` +
      `${entry.sql} -- ${JSON.stringify(entry.params, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}`,
  );
}

/** SQL isolation levels; SQLite transactions are always serializable. */
export type IsolationLevel = "read uncommitted" | "read committed" | "repeatable read" | "serializable";

const isolationLevels: readonly IsolationLevel[] = [
  "read uncommitted",
  "read committed",
  "repeatable read",
  "serializable",
];
const transactionOptionNames = ["isolationLevel"];

/** Refuses options `transaction()` does not know before anything runs: a typo must not fall back to defaults. */
function checkTransactionOptions(options: unknown): TransactionOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options))
    throw invalidTransactionOptions(options);
  assertKnownOptions("transaction()", options, transactionOptionNames);
  const level = (options as TransactionOptions).isolationLevel;
  if (level !== undefined && !isolationLevels.includes(level)) throw unknownIsolationLevel(level, isolationLevels);
  return options;
}

/** Options of `transaction()`. */
export interface TransactionOptions {
  isolationLevel?: IsolationLevel;
}

/** The transaction or savepoint a piece of async work runs in, carried by AsyncLocalStorage. */
class TransactionContext {
  active = true;
  /** How many savepoints deep this context is (0 for the transaction itself). */
  readonly depth: number;
  // Savepoints opened directly in this context take turns: rolling back one would also destroy
  // every savepoint opened after it on the same connection, undoing work that had succeeded.
  readonly nested = new Mutex();

  constructor(
    readonly connection: DriverConnection,
    private readonly parent?: TransactionContext,
  ) {
    this.depth = parent ? parent.depth + 1 : 0;
  }

  /** False once this context or any enclosing one has ended. */
  get isActive(): boolean {
    return this.active && (this.parent?.isActive ?? true);
  }
}

/**
 * A database: runs compiled queries on its connections and binds every query made inside
 * `transaction()` — however deep in the call stack — to that transaction's connection.
 */
export abstract class Engine {
  /** The SQL dialect queries on this engine compile to. */
  abstract readonly dialect: Dialect;
  private readonly transactions = new AsyncLocalStorage<TransactionContext>();
  private logger: ((entry: QueryLogEntry) => void) | undefined;

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
  /** The statement that opens a transaction. */
  protected abstract beginStatement(options: TransactionOptions): string;
  /** Closes every connection. */
  abstract close(): Promise<void>;
  /**
   * Opens a connection now, so a wrong host, port, user, password, database or file fails at app
   * start with a `ConnectionError` that names what it tried, rather than on the first query.
   */
  abstract startPool(): Promise<void>;

  /** Runs a compiled query on the current transaction's connection, or on a free one. */
  query(compiled: CompiledQuery, mode: QueryMode): Promise<QueryResult> {
    const node = requestedNode();
    return node === undefined
      ? this.queryHere(compiled, mode)
      : this.nodeOutsideTransaction(node).queryHere(compiled, mode);
  }

  /** Runs a query on this engine itself (not on a requested extra node). */
  private queryHere(compiled: CompiledQuery, mode: QueryMode): Promise<QueryResult> {
    return this.logger === undefined ? this.run(compiled, mode) : this.runLogged(compiled, mode, this.logger);
  }

  // Not async: a synchronous driver's result goes straight into one resolved promise, which saves
  // a third of the time of a primary-key lookup on SQLite.
  private run(compiled: CompiledQuery, mode: QueryMode): Promise<QueryResult> {
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
    if (!(result instanceof Promise)) return Promise.resolve(result);
    return result.catch(async (error: unknown) => {
      throw await this.convertError(error, compiled, tx);
    });
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
   * Runs `fn` in a transaction: commits when it returns, rolls back when it throws. Called inside
   * another transaction it becomes a savepoint, rolled back alone when `fn` throws.
   * @example await DB.transaction(async () => { await band.save(); await manager.save(); })
   */
  async transaction<R>(fn: () => Promise<R>, options: TransactionOptions = {}): Promise<R> {
    checkTransactionOptions(options);
    const outer = this.transactions.getStore();
    if (outer?.isActive) return this.savepoint(outer, fn);
    const lease = await this.acquire().catch(async (error: unknown) => {
      throw await this.convertError(error, { sql: "BEGIN", params: [] });
    });
    const tx = new TransactionContext(lease.connection);
    let releaseError: Error | undefined;
    try {
      await this.runOn(tx, this.beginStatement(options));
      let result: R;
      try {
        result = await this.transactions.run(tx, fn);
      } catch (error) {
        tx.active = false;
        await this.runOn(tx, "ROLLBACK").catch((rollbackError: Error) => {
          releaseError = rollbackError;
        });
        throw error;
      }
      tx.active = false;
      await this.runOn(tx, "COMMIT").catch(async (commitError: Error) => {
        await this.runOn(tx, "ROLLBACK").catch(() => undefined);
        throw commitError;
      });
      return result;
    } finally {
      tx.active = false;
      lease.release(releaseError);
    }
  }

  private async savepoint<R>(parent: TransactionContext, fn: () => Promise<R>): Promise<R> {
    await parent.nested.acquire();
    const tx = new TransactionContext(parent.connection, parent);
    const name = `piccolo_sp_${tx.depth}`;
    try {
      await this.runOn(tx, `SAVEPOINT ${name}`);
      try {
        const result = await this.transactions.run(tx, fn);
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

  private async runOn(tx: TransactionContext, sql: string): Promise<void> {
    try {
      await tx.connection.query(sql, [], "run");
    } catch (error) {
      throw await this.convertError(error, { sql, params: [] }, tx);
    }
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
      databaseErrorMessage(kind, error.message, compiled.sql, fields),
      compiled.sql,
      this.redacted(compiled),
      fields,
      error,
    );
  }
}
