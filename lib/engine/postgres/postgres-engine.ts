import { assertKnownOptions } from "../../errors/factories";
import type { Pool, PoolClient, PoolConfig, QueryConfig } from "pg";
import { PostgresDialect } from "../../sql/dialects/postgres/dialect";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "../connection";
import { Engine, type QueryLogOption, type TransactionOptions } from "../engine";
import { loadDriver } from "../load-driver";

/** node-postgres pool settings; PG* environment variables fill the gaps. Declared here so users of SQLite need no pg types. */
export interface PostgresConfig {
  host?: string;
  port?: number;
  user?: string;
  password?: string | (() => string | Promise<string>);
  database?: string;
  connectionString?: string;
  /** Most connections in the pool (default 10). */
  max?: number;
  idleTimeoutMillis?: number | null;
  connectionTimeoutMillis?: number;
  ssl?: boolean | object;
  application_name?: string;
  statement_timeout?: number | false;
  query_timeout?: number | false;
  keepAlive?: boolean;
}

/** Options of PostgresEngine. */
export interface PostgresEngineOptions {
  config?: PostgresConfig;
  /** Log each query: `true` prints SQL, parameters and duration; a function receives them. */
  log?: QueryLogOption;
}

type PgModule = typeof import("pg");

// Types whose text we decode ourselves: int8 to bigint, date as "YYYY-MM-DD", timestamp as UTC.
const keepAsText = new Set([20, 1082, 1114]);
const identity = (value: string) => value;

type CursorClass = typeof import("pg-cursor");

/**
 * Whether a client can be reused after this error: yes after an ordinary SQL error the server
 * reported (the connection is fine), no after a lost connection or a client-side failure.
 */
function clientSurvives(error: unknown): boolean {
  const e = error as { severity?: unknown; code?: unknown } | null;
  return typeof e?.severity === "string" && typeof e.code === "string" && !/^(08|57P)/.test(e.code);
}

const setTimeoutSql =
  "SELECT current_setting('statement_timeout') AS previous, set_config('statement_timeout', $1, true)";
const restoreTimeoutSql = "SELECT set_config('statement_timeout', $1, true)";

class PgConnection implements DriverConnection {
  constructor(
    private readonly client: PoolClient,
    private readonly types: object,
    /** The error that broke this client's connection while it was leased, if any. */
    private readonly lostError: () => Error | undefined = () => undefined,
  ) {}

  /**
   * A server-side cursor (pg-cursor) on this client, read `size` rows at a time. When a read fails
   * the cursor is not closed: on a dead connection its close waits forever for the server.
   */
  async *stream(sql: string, params: readonly unknown[], size: number): AsyncGenerator<unknown[][]> {
    const Cursor = loadDriver<CursorClass>("pg-cursor", "batch() on PostgresEngine");
    const cursor = this.client.query(
      new Cursor(sql, params as unknown[], { rowMode: "array", types: this.types } as never),
    );
    let failed = false;
    try {
      for (;;) {
        const rows = (await cursor.read(size)) as unknown as unknown[][];
        if (rows.length === 0) return;
        yield rows;
      }
    } catch (error) {
      failed = true;
      throw this.lostError() ?? error;
    } finally {
      // A consumer that stopped early closes the portal, unless the connection died meanwhile.
      const broken = (cursor as unknown as { state?: string }).state === "error" || this.lostError() !== undefined;
      if (!failed && !broken) await cursor.close();
    }
  }

  async query(sql: string, params: readonly unknown[], mode: QueryMode, name?: string): Promise<QueryResult> {
    const lost = this.lostError();
    if (lost !== undefined) throw lost; // pg would only say "Client has encountered a connection error"
    const config = { name, text: sql, values: params as unknown[], rowMode: mode === "arrays" ? "array" : undefined };
    try {
      const result = await this.client.query(config as QueryConfig);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    } catch (error) {
      throw this.lostError() ?? error;
    }
  }

  // SET LOCAL (set_config(…, true)) lasts until the transaction or savepoint ends, so it works
  // behind a transaction-mode pooler and never leaks to the next user of the connection. A failed
  // statement aborts the transaction, whose rollback undoes the setting: restore only on success.
  async withTimeout<R>(
    ms: number,
    fn: () => Promise<R>,
    run: (sql: string, params: readonly unknown[]) => Promise<QueryResult>,
  ): Promise<R> {
    const set = await run(setTimeoutSql, [`${ms}ms`]);
    const previous = (set.rows[0] as { previous: string }).previous;
    const result = await fn();
    await run(restoreTimeoutSql, [previous]);
    return result;
  }
}

/**
 * PostgreSQL over a node-postgres pool, created on first use.
 * @example const DB = new PostgresEngine({ config: { database: "app" } });
 */
export class PostgresEngine extends Engine {
  readonly dialect = new PostgresDialect();
  readonly config: PostgresConfig;
  private pool: Pool | undefined;
  private types: object = {};

  constructor(options: PostgresEngineOptions = {}) {
    super();
    assertKnownOptions(
      "PostgresEngine",
      options,
      ["config", "log"],
      "config",
      "Pass pool settings inside { config: { … } }.",
    );
    this.config = options.config ?? {};
    this.setLog(options.log);
  }

  /** Creates the pool now (queries create it on first use anyway). */
  async startPool(): Promise<void> {
    this.getPool();
  }

  private getPool(): Pool {
    if (this.pool === undefined) {
      const pg = loadDriver<PgModule>("pg", "PostgresEngine");
      const types = {
        getTypeParser: (oid: number, format?: "text" | "binary") =>
          keepAsText.has(oid) ? identity : pg.types.getTypeParser(oid, format),
      };
      this.types = types;
      this.pool = new pg.Pool({ ...this.config, types } as PoolConfig);
      // An idle client losing its connection must not crash the process; the pool replaces it.
      this.pool.on("error", () => undefined);
    }
    return this.pool;
  }

  /** How many connections the pool holds, how many are idle, and how many callers wait for one. */
  get poolStatus(): { total: number; idle: number; waiting: number } {
    const pool = this.pool;
    return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
  }

  // Not pool.query(): it destroys the client on any error, so every SQL error (a unique violation)
  // would cost a new connection. Here only a lost connection is thrown away.
  protected async queryOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
  ): Promise<QueryResult> {
    const lease = await this.acquire();
    let failure: Error | undefined;
    try {
      return await lease.connection.query(sql, params, mode, name);
    } catch (error) {
      if (!clientSurvives(error)) failure = error as Error;
      throw error;
    } finally {
      lease.release(failure);
    }
  }

  // A cursor lives on one client: lease it from the pool for the whole stream.
  protected async *streamOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    size: number,
  ): AsyncGenerator<unknown[][]> {
    const lease = await this.acquire();
    let failure: Error | undefined;
    try {
      yield* lease.connection.stream(sql, params, size);
    } catch (error) {
      if (!clientSurvives(error)) failure = error as Error;
      throw error;
    } finally {
      lease.release(failure);
    }
  }

  protected async acquire(): Promise<LeasedConnection> {
    const client = await this.getPool().connect();
    // A leased client is outside the pool's error handler: if its connection dies between queries
    // (server restart, pg_terminate_backend), pg emits "error" on it, which would crash the process.
    // Keep the error instead; the next query fails with it and the client is destroyed on release.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on("error", onError);
    return {
      connection: new PgConnection(client, this.types, () => lost),
      release: (error) => {
        const failure = error ?? lost;
        // A client released with an error is destroyed and may still report its socket closing.
        if (failure === undefined) client.off("error", onError);
        client.release(failure);
      },
    };
  }

  protected beginStatement(options: TransactionOptions): string {
    // The level was checked against the known ones by transaction(), before any connection was taken.
    const level = options.isolationLevel;
    return level === undefined ? "BEGIN" : `BEGIN ISOLATION LEVEL ${level.toUpperCase()}`;
  }

  /** Ends the pool; the next query starts a new one. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }
}
