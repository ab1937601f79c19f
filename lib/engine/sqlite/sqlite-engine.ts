import { assertKnownOptions, connectFailed, invalidEngineOption, unknownSQLiteDriver } from "../../errors/factories";
import type { ClassifiedError } from "../../sql/dialects/dialect";
import { SQLiteDialect } from "../../sql/dialects/sqlite/dialect";
import { Mutex } from "../../utils/mutex";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "../connection";
import { Engine, checkBatchLookups, type QueryLogOption, type TransactionOptions } from "../engine";
import { loadDriver } from "../load-driver";
import { BetterSqlite3Connection, registerNumericFunctions } from "./better-sqlite3-connection";
import { type Reader, ReaderPool } from "./reader-pool";
import { Sqlite3Connection } from "./sqlite3-connection";

/** Options of SQLiteEngine. */
export interface SQLiteEngineOptions {
  /** The database file, or ":memory:" (default "piccolo.sqlite"). */
  path?: string;
  /** "better-sqlite3" (default, fastest) or "sqlite3" (non-blocking, via the `sqlite` package). */
  driver?: "better-sqlite3" | "sqlite3";
  /**
   * How long a write waits for another connection's write lock, in milliseconds (default 5000);
   * beyond it the write fails with `DatabaseLockedError`.
   */
  busyTimeout?: number;
  /**
   * Read-only connections that serve reads made outside transactions while the writer is busy
   * (in a transaction, or waiting for a lock): they see the last committed state, so a long
   * transaction does not hold up other reads. File databases only (":memory:" has one
   * connection). Default 1 for better-sqlite3 (synchronous: one suffices), 4 for sqlite3; 0 turns them off.
   */
  readers?: number;
  /** Log each query: `true` prints SQL, parameters and duration; a function receives them. */
  log?: QueryLogOption;
  /**
   * Send primary-key lookups of one shape issued in the same tick as one query (default false:
   * better-sqlite3 answers a lookup synchronously, so waiting a tick to batch only costs time).
   * See docs/performance.md.
   */
  batchLookups?: boolean;
}

// LIKE is case-sensitive on PostgreSQL; ilike() is the case-insensitive form on both.
const readerPragmas = ["PRAGMA case_sensitive_like = ON"];

const optionNames = ["path", "driver", "busyTimeout", "readers", "log", "batchLookups"];

// Reads a reader connection may serve: a SELECT wanting rows (never a write with RETURNING).
const readStatement = /^\s*SELECT\b/i;

/**
 * The embedded default engine. One writer connection per engine, guarded by a mutex: a transaction
 * keeps every other writer out until it ends, so async work never interleaves inside it and never
 * meets "database is locked". Reads outside a transaction that find the writer busy go to
 * read-only connections (WAL lets them read beside the writer). File databases use WAL, a busy
 * timeout and enforced foreign keys.
 * @example const DB = new SQLiteEngine({ path: "app.sqlite" });
 */
export class SQLiteEngine extends Engine {
  readonly dialect: SQLiteDialect;
  readonly path: string;
  readonly driver: "better-sqlite3" | "sqlite3";
  private readonly busyTimeout: number;
  private readonly mutex = new Mutex();
  private connection: DriverConnection | undefined;
  private opening: Promise<DriverConnection> | undefined;
  private closeConnection: (() => void | Promise<void>) | undefined;
  private readonly readerCount: number;
  private readers: ReaderPool | undefined;

  constructor(options: SQLiteEngineOptions = {}) {
    super();
    assertKnownOptions("SQLiteEngine", options, optionNames, "config");
    this.path = options.path ?? "piccolo.sqlite";
    this.driver = options.driver ?? "better-sqlite3";
    if (this.driver !== "better-sqlite3" && this.driver !== "sqlite3") {
      throw unknownSQLiteDriver(this.driver);
    }
    this.dialect = new SQLiteDialect({ numericFunctions: this.driver === "better-sqlite3" });
    this.busyTimeout = options.busyTimeout ?? 5000;
    const readers = options.readers ?? (this.driver === "sqlite3" ? 4 : 1);
    if (!Number.isInteger(readers) || readers < 0)
      throw invalidEngineOption("SQLiteEngine", "readers", readers, "a whole number of 0 or more");
    this.readerCount = this.inMemory ? 0 : readers;
    this.setLog(options.log);
    this.batchLookups = checkBatchLookups("SQLiteEngine", options.batchLookups, false);
  }

  private get inMemory(): boolean {
    return this.path === ":memory:" || this.path === "";
  }

  // The connection is read only once the mutex is held: a close() queued ahead may end it.
  protected queryOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    _name?: string,
    columns?: readonly string[],
  ): QueryResult | Promise<QueryResult> {
    // Fast path: an open synchronous connection and a free lock run the query right here.
    if (this.connection instanceof BetterSqlite3Connection && this.mutex.tryAcquire()) {
      let result: QueryResult | Promise<QueryResult>;
      try {
        result = this.connection.query(sql, params, mode);
      } catch (error) {
        this.mutex.release();
        throw error;
      }
      if (!(result instanceof Promise)) {
        this.mutex.release();
        return result;
      }
      return result.finally(() => this.mutex.release());
    }
    // The writer is busy (a transaction, a write waiting for a lock): a read need not wait for it.
    if (this.readerCount > 0 && mode !== "run" && this.mutex.isLocked && readStatement.test(sql))
      return this.queryOnReader(sql, params, mode, columns);
    return this.queryWhenFree(sql, params, mode, columns);
  }

  private queryOnReader(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    columns?: readonly string[],
  ): QueryResult | Promise<QueryResult> {
    const ready = this.readers?.tryAcquire();
    if (ready === undefined || !(ready.connection instanceof BetterSqlite3Connection))
      return this.queryOnPooledReader(ready, sql, params, mode, columns);
    let result: QueryResult | Promise<QueryResult>;
    try {
      result = ready.connection.query(sql, params, mode);
    } catch (error) {
      this.readers!.release(ready);
      throw error;
    }
    if (!(result instanceof Promise)) {
      this.readers!.release(ready);
      return result;
    }
    return result.finally(() => this.readers!.release(ready));
  }

  private async queryOnPooledReader(
    ready: Reader | undefined,
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    columns?: readonly string[],
  ): Promise<QueryResult> {
    let reader = ready;
    if (reader === undefined) {
      if (this.connection === undefined) await this.connect(); // the writer creates the file and WAL
      this.readers ??= new ReaderPool(this.readerCount, () => this.openReader());
      reader = await this.readers.acquire();
    }
    const pool = this.readers!;
    try {
      return await reader.connection.query(sql, params, mode, undefined, columns);
    } finally {
      pool.release(reader);
    }
  }

  private async queryWhenFree(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    columns?: readonly string[],
  ): Promise<QueryResult> {
    if (!this.mutex.tryAcquire()) await this.mutex.acquire();
    try {
      const connection = this.connection ?? (await this.connect());
      return await connection.query(sql, params, mode, undefined, columns);
    } finally {
      this.mutex.release();
    }
  }

  /**
   * A file database is streamed on a read-only connection of its own (WAL lets it read beside the
   * writer), so other queries keep running between chunks. An in-memory database has no second
   * connection: its rows are read at once under the lock and handed out in chunks.
   */
  protected async *streamOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    size: number,
    columns?: readonly string[],
  ): AsyncGenerator<unknown[][]> {
    if (this.inMemory) {
      const rows = (await this.queryOutsideTransaction(sql, params, "arrays", undefined, columns)).rows as unknown[][];
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
      return;
    }
    const reader = await this.openReader();
    try {
      yield* reader.connection.stream(sql, params, size, columns);
    } finally {
      await reader.close();
    }
  }

  private async openReader(): Promise<Reader> {
    if (this.driver === "sqlite3") {
      const sqlite3 = loadDriver<typeof import("sqlite3")>("sqlite3", "SQLiteEngine with driver sqlite3");
      const { open } = loadDriver<typeof import("sqlite")>("sqlite", "SQLiteEngine with driver sqlite3");
      const db = await open({ filename: this.path, mode: sqlite3.OPEN_READONLY, driver: sqlite3.Database });
      for (const pragma of [`PRAGMA busy_timeout = ${this.busyTimeout}`, ...readerPragmas]) await db.exec(pragma);
      const connection = new Sqlite3Connection(db, true);
      return { connection, close: () => connection.close() };
    }
    const Database = loadDriver<typeof import("better-sqlite3")>("better-sqlite3", "SQLiteEngine");
    const db = new Database(this.path, { readonly: true, fileMustExist: true, timeout: 0 });
    for (const pragma of readerPragmas) db.exec(pragma);
    registerNumericFunctions(db);
    const connection = new BetterSqlite3Connection(db, this.busyTimeout, true);
    return { connection, close: () => connection.close() };
  }

  private readonly releaseWriter = () => this.mutex.release();

  // An open writer with a free lock is lent at once: a transaction on better-sqlite3 then starts
  // without waiting a microtask.
  protected override acquireNow(): LeasedConnection | undefined {
    const connection = this.connection;
    if (connection === undefined || !this.mutex.tryAcquire()) return undefined;
    return { connection, release: this.releaseWriter };
  }

  protected async acquire(): Promise<LeasedConnection> {
    await this.mutex.acquire();
    try {
      const connection = this.connection ?? (await this.connect());
      return { connection, release: () => this.mutex.release() };
    } catch (error) {
      this.mutex.release();
      throw error;
    }
  }

  // IMMEDIATE (the default) takes the write lock up front, so two processes never deadlock
  // upgrading a read lock; DEFERRED may fail at its first write (DatabaseLockedError: retry it).
  protected beginStatement(options: TransactionOptions): string {
    return `BEGIN ${(options.type ?? "immediate").toUpperCase()}`;
  }

  protected override errorReason(classified: ClassifiedError): string | undefined {
    if (classified.kind === "timeout") return "The statement was interrupted: it ran longer than its statement timeout";
    if (classified.kind !== "locked") return classified.reason;
    if (classified.fields.code === "SQLITE_BUSY_SNAPSHOT")
      return (
        "The database is locked for this transaction: another connection wrote since it began reading " +
        "(retry it: transaction(fn, { retries }))"
      );
    return (
      `The database is locked: another connection held the write lock longer than busyTimeout (${this.busyTimeout} ms). ` +
      "Keep write transactions short, raise SQLiteEngine's busyTimeout, or retry (transaction(fn, { retries }))"
    );
  }

  /** Opens the connection now, so a file that cannot be opened fails here with a `ConnectionError`. */
  async startPool(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      throw connectFailed(
        `SQLite database "${this.path}"`,
        error,
        "Check that its folder exists and is writable, and the file is a SQLite database.",
      );
    }
  }

  /** Opens the connection now (queries open it on first use anyway). */
  connect(): Promise<DriverConnection> {
    // A failed open is forgotten, so the next query retries it (e.g. once the directory exists).
    this.opening ??= this.open().then(
      (connection) => (this.connection = connection),
      (error: unknown) => {
        this.opening = undefined;
        throw error;
      },
    );
    return this.opening;
  }

  private async open(): Promise<DriverConnection> {
    const pragmas = ["PRAGMA foreign_keys = ON", ...readerPragmas];
    if (!this.inMemory) pragmas.push("PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL");
    if (this.driver === "sqlite3") {
      const sqlite3 = loadDriver<typeof import("sqlite3")>("sqlite3", "SQLiteEngine with driver sqlite3");
      const { open } = loadDriver<typeof import("sqlite")>("sqlite", "SQLiteEngine with driver sqlite3");
      const db = await open({ filename: this.path, driver: sqlite3.Database });
      // sqlite3 waits for locks on its worker thread, so SQLite's own busy timeout is harmless.
      for (const pragma of [`PRAGMA busy_timeout = ${this.busyTimeout}`, ...pragmas]) await db.exec(pragma);
      const connection = new Sqlite3Connection(db);
      this.closeConnection = () => connection.close();
      return connection;
    }
    const Database = loadDriver<typeof import("better-sqlite3")>("better-sqlite3", "SQLiteEngine");
    // better-sqlite3 would wait for a lock synchronously, freezing the event loop, so the holder
    // (often another engine in this very process) could never commit: it fails at once and the
    // connection retries asynchronously until busyTimeout instead.
    const db = new Database(this.path, { timeout: 0 });
    for (const pragma of pragmas) db.exec(pragma);
    registerNumericFunctions(db);
    const connection = new BetterSqlite3Connection(db, this.busyTimeout);
    this.closeConnection = () => connection.close();
    return connection;
  }

  /** Closes the connections; waits for running work first. The next query reopens them. */
  async close(): Promise<void> {
    if (this.opening === undefined) return;
    await this.opening.catch(() => undefined); // an open that failed left nothing to close
    await this.mutex.acquire();
    try {
      // Reads made while close() waited for the writer may have opened readers: close them too.
      const readers = this.readers;
      this.readers = undefined;
      await readers?.close();
      await this.closeConnection?.();
    } finally {
      this.connection = undefined;
      this.opening = undefined;
      this.closeConnection = undefined;
      this.mutex.release();
    }
  }
}
