import { assertKnownOptions, connectFailed, unknownSQLiteDriver } from "../../errors/factories";
import { SQLiteDialect } from "../../sql/dialects/sqlite/dialect";
import { Mutex } from "../../utils/mutex";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "../connection";
import { Engine, type QueryLogOption } from "../engine";
import { loadDriver } from "../load-driver";
import { BetterSqlite3Connection, registerNumericFunctions } from "./better-sqlite3-connection";
import { Sqlite3Connection } from "./sqlite3-connection";

/** Options of SQLiteEngine. */
export interface SQLiteEngineOptions {
  /** The database file, or ":memory:" (default "piccolo.sqlite"). */
  path?: string;
  /** "better-sqlite3" (default, fastest) or "sqlite3" (non-blocking, via the `sqlite` package). */
  driver?: "better-sqlite3" | "sqlite3";
  /** How long to wait for another process's lock, in milliseconds (default 5000). */
  busyTimeout?: number;
  /** Log each query: `true` prints SQL, parameters and duration; a function receives them. */
  log?: QueryLogOption;
}

// LIKE is case-sensitive on PostgreSQL; ilike() is the case-insensitive form on both.
const readerPragmas = ["PRAGMA case_sensitive_like = ON"];

const optionNames = ["path", "driver", "busyTimeout", "log"];

/**
 * The embedded default engine. One connection per engine, guarded by a mutex: a transaction keeps
 * every other caller out until it ends, so async work never interleaves inside it and never meets
 * "database is locked". File databases use WAL, a busy timeout and enforced foreign keys.
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
    this.setLog(options.log);
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
    return this.queryWhenFree(sql, params, mode, columns);
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
    if (this.path === ":memory:" || this.path === "") {
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

  private async openReader(): Promise<{ connection: DriverConnection; close: () => unknown }> {
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

  // IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading a read lock.
  protected beginStatement(): string {
    return "BEGIN IMMEDIATE";
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
    if (this.path !== ":memory:" && this.path !== "")
      pragmas.push("PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL");
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

  /** Closes the connection; waits for running work first. The next query reopens it. */
  async close(): Promise<void> {
    if (this.opening === undefined) return;
    await this.opening.catch(() => undefined); // an open that failed left nothing to close
    await this.mutex.acquire();
    try {
      await this.closeConnection?.();
    } finally {
      this.connection = undefined;
      this.opening = undefined;
      this.closeConnection = undefined;
      this.mutex.release();
    }
  }
}
