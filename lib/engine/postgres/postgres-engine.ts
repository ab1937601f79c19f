import { assertKnownOptions, connectFailed, invalidExtraNode, unknownNode } from "../../errors/factories";
import type { Pool, PoolClient, PoolConfig, QueryConfig, QueryResult as PgResult } from "pg";
import { PostgresDialect } from "../../sql/dialects/postgres/dialect";
import type { DriverConnection, LeasedConnection, QueryMode, QueryResult } from "../connection";
import { Engine, checkBatchLookups, type QueryLogOption, type TransactionOptions } from "../engine";
import { loadDriver } from "../load-driver";
import { ReadRouter, isUnreachable } from "./read-router";

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
  /** Fewest idle connections the pool keeps. */
  min?: number;
  /** Ms an idle connection stays open (default 10,000; 0 or null: forever). */
  idleTimeoutMillis?: number | null;
  /** Ms to wait for a connection before failing (default: forever). */
  connectionTimeoutMillis?: number;
  /** Close a connection after this many queries (helps behind load balancers). */
  maxUses?: number;
  /** Close a connection this many seconds after it opened. */
  maxLifetimeSeconds?: number;
  /** Let the process exit while the pool still has idle connections. */
  allowExitOnIdle?: boolean;
  ssl?: boolean | object;
  application_name?: string;
  fallback_application_name?: string;
  /**
   * Server-side session settings sent at connect. PgBouncer (transaction or statement mode) refuses
   * them as startup parameters: behind it, use per-transaction and per-query timeouts instead.
   */
  statement_timeout?: number | false;
  lock_timeout?: number;
  idle_in_transaction_session_timeout?: number;
  /** Command-line options for the server backend, e.g. "-c search_path=app". */
  options?: string;
  client_encoding?: string;
  /** Client-side: ms before a query is given up on (the server may still run it). */
  query_timeout?: number | false;
  keepAlive?: boolean;
  keepAliveInitialDelayMillis?: number;
}

/** Options of PostgresEngine. */
export interface PostgresEngineOptions {
  config?: PostgresConfig;
  /** Log each query: `true` prints SQL, parameters and duration; a function receives them. */
  log?: QueryLogOption;
  /**
   * Other nodes by name, usually read replicas: `.run({ node: "replica" })` sends one query there,
   * `DB.node("replica")` is that node's engine.
   */
  extraNodes?: Record<string, PostgresEngine>;
  /**
   * Send plain selects made outside a transaction to the extra nodes in turn (round-robin). Writes,
   * row locks (`lockRows`), raw SQL and everything inside a transaction stay on this engine; a read
   * whose node cannot be reached is retried here. Default false.
   */
  routeReads?: boolean;
  /**
   * Send frozen queries (`freeze()`) as named, server-prepared statements (default true). Set false
   * behind PgBouncer in transaction or statement mode before 1.21, or with max_prepared_statements = 0:
   * there a named statement fails with "prepared statement … already exists" / "does not exist". The
   * engine also switches to unnamed statements by itself on the first such error.
   */
  preparedStatements?: boolean;
  /**
   * With routeReads: for this many milliseconds after a write through this engine, reads stay here,
   * so that a client reads its own writes despite replication lag (default 0: off).
   */
  readYourWritesMs?: number;
  /**
   * Send primary-key lookups of one shape (`Band.objects().get(Band.c.id.eq(x))`, a select whose
   * only condition is `pk = value`) issued in the same tick outside a transaction as one
   * `WHERE pk = ANY($1)` query (default true). A lookup alone in its tick runs unchanged.
   * See docs/performance.md for the trade-off.
   */
  batchLookups?: boolean;
}

/** The option names PostgresEngine knows (CockroachEngine adds its own). */
export const postgresEngineOptionNames = [
  "config",
  "log",
  "extraNodes",
  "routeReads",
  "readYourWritesMs",
  "preparedStatements",
  "batchLookups",
] as const;

type PgModule = typeof import("pg");

// Types whose text we decode ourselves: int8 to bigint, date as "YYYY-MM-DD", timestamp as UTC.
const keepAsText = new Set([20, 1082, 1114]);
const identity = (value: string) => value;

type CursorClass = typeof import("pg-cursor");

/** Whether frozen queries go out as named (server-prepared) statements; one per engine, shared by its connections. */
interface StatementPolicy {
  named: boolean;
}

// "prepared statement already exists" / "does not exist": what a pooler in transaction mode
// (PgBouncer before 1.21, or without max_prepared_statements) does to named statements.
const poolerStatementErrors = new Set(["42P05", "26000"]);

function isPoolerStatementError(error: unknown): boolean {
  return poolerStatementErrors.has((error as { code?: string } | null)?.code ?? "");
}

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
    private readonly statements: StatementPolicy,
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

  // Callbacks under one promise rather than pg's own promise, which adds a hop of its own.
  query(sql: string, params: readonly unknown[], mode: QueryMode, name?: string): Promise<QueryResult> {
    const lost = this.lostError();
    if (lost !== undefined) return Promise.reject(lost); // pg would only say "Client has encountered a connection error"
    const named = name !== undefined && this.statements.named;
    const config = {
      name: named ? name : undefined,
      text: sql,
      values: params as unknown[],
      rowMode: mode === "arrays" || mode === "row" ? "array" : undefined,
    };
    return new Promise((resolve, reject) => {
      this.client.query(config as QueryConfig, (error: Error | null, results: PgResult | PgResult[]) => {
        if (error === null) return resolve(lastResult(results));
        const lostNow = this.lostError();
        if (lostNow !== undefined) return reject(lostNow);
        // A pooler between us and the server: use unnamed statements from now on. The failed statement
        // never ran (it failed at parse or bind); the caller may run it again outside a transaction.
        if (named && isPoolerStatementError(error)) this.statements.named = false;
        reject(error);
      });
    });
  }
  // SET LOCAL (set_config(…, true)) lasts until the transaction or savepoint ends, so it works
  // behind a transaction-mode pooler and never leaks to the next user of the connection. A failed
  // statement aborts the transaction, whose rollback undoes the setting: restore only on success.
  async withTimeout<TResult>(
    ms: number,
    fn: () => Promise<TResult>,
    run: (sql: string, params: readonly unknown[]) => Promise<QueryResult>,
  ): Promise<TResult> {
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
  readonly dialect: PostgresDialect = new PostgresDialect();
  readonly config: PostgresConfig;
  private pool: Pool | undefined;
  private types: object = {};
  private readonly extraNodes: Readonly<Record<string, PostgresEngine>>;
  private readonly statements: StatementPolicy;
  /** Picks a replica for each plain read, when routeReads is on. */
  private readonly reads: ReadRouter<PostgresEngine> | undefined;

  constructor(options: PostgresEngineOptions = {}) {
    super();
    assertKnownOptions(
      "PostgresEngine",
      options,
      postgresEngineOptionNames,
      "config",
      "Pass pool settings inside { config: { … } }.",
    );
    this.config = options.config ?? {};
    this.setLog(options.log);
    this.batchLookups = checkBatchLookups("PostgresEngine", options.batchLookups, true);
    this.extraNodes = checkExtraNodes(options.extraNodes ?? {});
    this.statements = { named: options.preparedStatements ?? true };
    this.reads = options.routeReads
      ? new ReadRouter(Object.values(this.extraNodes), options.readYourWritesMs ?? 0)
      : undefined;
  }

  override node(name: string): PostgresEngine {
    const node = Object.hasOwn(this.extraNodes, name) ? this.extraNodes[name] : undefined;
    if (node === undefined) throw unknownNode("PostgresEngine", name, Object.keys(this.extraNodes));
    return node;
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
        "Check host, port, user, password and database in PostgresEngine({ config }) or the PG* environment " +
          "variables, and that the server is running.",
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
    }
    return this.pool;
  }

  /** How many connections the pool holds, how many are idle, and how many callers wait for one. */
  get poolStatus(): { total: number; idle: number; waiting: number } {
    const pool = this.pool;
    return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
  }

  // Not pool.query(): it destroys the client on any error, so every SQL error (a unique violation)
  // would cost a new connection. Here only a lost connection is thrown away. Not async: returning
  // queryOnce's promise from an async function would add two promise hops to every query.
  protected queryOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
    _columns?: readonly string[],
    readOnly?: boolean,
  ): Promise<QueryResult> {
    if (this.reads !== undefined) {
      if (!readOnly) this.reads.wrote();
      else {
        const replica = this.reads.pick();
        if (replica !== undefined) return this.readOn(replica, sql, params, mode, name);
      }
    }
    if (name === undefined || !this.statements.named) return this.queryOnce(sql, params, mode);
    return this.queryNamed(sql, params, mode, name);
  }

  /** A frozen query as a named (server-prepared) statement on a leased client. */
  private async queryNamed(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name: string,
  ): Promise<QueryResult> {
    const lease = await this.lease();
    let failure: Error | undefined;
    try {
      try {
        return await lease.connection.query(sql, params, mode, name);
      } catch (error) {
        // Outside a transaction a statement a pooler refused can run again, unnamed.
        if (!isPoolerStatementError(error)) throw error;
        return await lease.connection.query(sql, params, mode);
      }
    } catch (error) {
      if (!clientSurvives(error)) failure = error as Error;
      throw error;
    } finally {
      lease.release(failure);
    }
  }

  /**
   * An unnamed statement on a leased client, as one promise: the lease, the query and the release
   * all in callbacks (what pool.query does), so a single-row query pays no async frames or promise
   * hops of its own. The client goes back to the pool before the caller resumes; like lease(), a
   * client whose connection broke is destroyed, and one after an ordinary SQL error is kept.
   */
  private queryOnce(sql: string, params: readonly unknown[], mode: QueryMode): Promise<QueryResult> {
    const config = {
      text: sql,
      values: params as unknown[],
      rowMode: mode === "arrays" || mode === "row" ? "array" : undefined,
    };
    return new Promise((resolve, reject) => {
      this.getPool().connect((connectError, client, release) => {
        if (client === undefined) return reject(connectError);
        // As in lease(): an "error" event on a leased client would otherwise crash the process.
        let lost: Error | undefined;
        const onError = (error: Error) => {
          lost = error;
        };
        client.on("error", onError);
        client.query(config as QueryConfig, (error: Error | null, results: PgResult | PgResult[]) => {
          const failure = lost ?? (error !== null && !clientSurvives(error) ? error : undefined);
          if (failure === undefined) client.off("error", onError);
          release(failure);
          if (lost !== undefined) reject(lost);
          else if (error !== null) reject(error);
          else resolve(lastResult(results));
        });
      });
    });
  }

  /** A routed read on a replica; if the replica cannot be reached, it is skipped for a while and the read runs here. */
  private async readOn(
    replica: PostgresEngine,
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
  ): Promise<QueryResult> {
    try {
      return await replica.queryOutsideTransaction(sql, params, mode, name);
    } catch (error) {
      if (!isUnreachable(error)) throw error;
      this.reads!.down(replica);
      return this.queryOutsideTransaction(sql, params, mode, name);
    }
  }

  // A cursor lives on one client: lease it from the pool for the whole stream.
  protected async *streamOutsideTransaction(
    sql: string,
    params: readonly unknown[],
    size: number,
    _columns?: readonly string[],
    readOnly?: boolean,
  ): AsyncGenerator<unknown[][]> {
    const replica = readOnly ? this.reads?.pick() : undefined;
    if (replica !== undefined) return yield* replica.streamOutsideTransaction(sql, params, size);
    const lease = await this.lease();
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

  protected acquire(): Promise<LeasedConnection> {
    // A transaction may write: reads stay here for the read-your-writes window after it.
    this.reads?.wrote();
    return this.lease();
  }

  private async lease(): Promise<LeasedConnection> {
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
      connection: new PgConnection(client, this.types, this.statements, () => lost),
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

  /** Whether frozen queries are sent as named statements (false once a pooler refused one). */
  get usesPreparedStatements(): boolean {
    return this.statements.named;
  }

  /** Ends the pool (and those of the extra nodes); the next query starts a new one. */
  async close(): Promise<void> {
    await Promise.all(Object.values(this.extraNodes).map((node) => node.close()));
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }
}

/** A query's result; of several statements in one (CockroachDB's CREATE TABLE with a Serial's sequence), the last one's. */
function lastResult(results: PgResult | PgResult[]): QueryResult {
  const result = Array.isArray(results) ? results[results.length - 1]! : results;
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

function checkExtraNodes(nodes: Record<string, PostgresEngine>): Readonly<Record<string, PostgresEngine>> {
  for (const [name, node] of Object.entries(nodes))
    if (!(node instanceof PostgresEngine)) throw invalidExtraNode(name, node);
  return Object.freeze({ ...nodes });
}
