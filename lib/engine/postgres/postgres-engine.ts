import { assertKnownOptions, connectFailed } from "../../errors/factories";
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

class PgConnection implements DriverConnection {
  constructor(
    private readonly client: Pool | PoolClient,
    private readonly types: object,
  ) {}

  /** A server-side cursor (pg-cursor) on this client, read `size` rows at a time. */
  async *stream(sql: string, params: readonly unknown[], size: number): AsyncGenerator<unknown[][]> {
    const Cursor = loadDriver<CursorClass>("pg-cursor", "batch() on PostgresEngine");
    const cursor = (this.client as PoolClient).query(
      new Cursor(sql, params as unknown[], { rowMode: "array", types: this.types } as never),
    );
    try {
      for (;;) {
        const rows = (await cursor.read(size)) as unknown as unknown[][];
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      await cursor.close();
    }
  }

  async query(sql: string, params: readonly unknown[], mode: QueryMode, name?: string): Promise<QueryResult> {
    const config = { name, text: sql, values: params as unknown[], rowMode: mode === "arrays" ? "array" : undefined };
    const result = await this.client.query(config as QueryConfig);
    return { rows: result.rows, rowCount: result.rowCount ?? 0 };
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
  private poolConnection: PgConnection | undefined;

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

  /**
   * Creates the pool and connects one client now (queries would do it on first use), so a wrong
   * host, port, user, password or database fails here, naming the server it tried.
   */
  async startPool(): Promise<void> {
    const pool = this.getPool();
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw connectFailed(
        `PostgreSQL at ${this.target()}`,
        error,
        "Check host, port, user, password and database in PostgresEngine({ config }) or the PG* environment variables, and that the server is running.",
      );
    }
    client.release();
  }

  /** Where the pool connects, as node-postgres resolves it from the config and PG* variables (never the password). */
  private target(): string {
    const pg = loadDriver<PgModule>("pg", "PostgresEngine");
    const { host, port, database, user } = new pg.Client(this.config as PoolConfig);
    return `${host}:${port} (database "${database}", user "${user}")`;
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
      this.poolConnection = new PgConnection(this.pool, types);
    }
    return this.pool;
  }

  protected queryOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
  ): Promise<QueryResult> {
    this.getPool();
    return this.poolConnection!.query(sql, params, mode, name);
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
      failure = error as Error;
      throw error;
    } finally {
      lease.release(failure);
    }
  }

  protected async acquire(): Promise<LeasedConnection> {
    const client = await this.getPool().connect();
    // A leased client is outside the pool's error handler: if its connection dies between queries
    // (server restart, pg_terminate_backend), pg emits "error" on it, which would crash the process.
    // Keep the error instead; the next query fails and the client is destroyed on release.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on("error", onError);
    return {
      connection: new PgConnection(client, this.types),
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
    this.poolConnection = undefined;
    await pool?.end();
  }
}
