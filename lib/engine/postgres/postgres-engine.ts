import type { Pool, PoolClient, PoolConfig, QueryConfig } from "pg";
import { OrmError } from "../../errors/orm-error";
import { PostgresDialect } from "../../sql/dialects/postgres/dialect";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "../connection";
import { Engine, type TransactionOptions } from "../engine";
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
}

type PgModule = typeof import("pg");

// Types whose text we decode ourselves: int8 to bigint, date as "YYYY-MM-DD", timestamp as UTC.
const keepAsText = new Set([20, 1082, 1114]);
const identity = (value: string) => value;

class PgConnection implements DriverConnection {
  constructor(private readonly client: Pool | PoolClient) {}

  async query(sql: string, params: readonly unknown[], mode: QueryMode): Promise<QueryResult> {
    const config = { text: sql, values: params as unknown[], rowMode: mode === "arrays" ? "array" : undefined };
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
  private poolConnection: PgConnection | undefined;

  constructor(options: PostgresEngineOptions = {}) {
    super();
    for (const key of Object.keys(options)) {
      if (key !== "config") throw new OrmError(`PostgresEngine has no option "${key}". Pass pool settings inside { config: { … } }.`);
    }
    this.config = options.config ?? {};
  }

  /** Creates the pool now (queries create it on first use anyway). */
  async startPool(): Promise<void> {
    this.getPool();
  }

  private getPool(): Pool {
    if (this.pool === undefined) {
      const pg = loadDriver<PgModule>("pg", "PostgresEngine");
      const types = { getTypeParser: (oid: number, format?: "text" | "binary") => (keepAsText.has(oid) ? identity : pg.types.getTypeParser(oid, format)) };
      this.pool = new pg.Pool({ ...this.config, types } as PoolConfig);
      // An idle client losing its connection must not crash the process; the pool replaces it.
      this.pool.on("error", () => undefined);
      this.poolConnection = new PgConnection(this.pool);
    }
    return this.pool;
  }

  protected queryOutsideTransaction(sql: string, params: readonly unknown[], mode: QueryMode): Promise<QueryResult> {
    this.getPool();
    return this.poolConnection!.query(sql, params, mode);
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
      connection: new PgConnection(client),
      release: (error) => {
        const failure = error ?? lost;
        // A client released with an error is destroyed and may still report its socket closing.
        if (failure === undefined) client.off("error", onError);
        client.release(failure);
      },
    };
  }

  protected beginStatement(options: TransactionOptions): string {
    const level = options.isolationLevel;
    if (level === undefined) return "BEGIN";
    if (!["read uncommitted", "read committed", "repeatable read", "serializable"].includes(level)) {
      throw new OrmError(`Unknown isolation level "${level}": use read committed, repeatable read or serializable.`);
    }
    return `BEGIN ISOLATION LEVEL ${level.toUpperCase()}`;
  }

  /** Ends the pool; the next query starts a new one. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.poolConnection = undefined;
    await pool?.end();
  }
}
