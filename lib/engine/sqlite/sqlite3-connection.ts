import type { Database } from "sqlite";
import type { Statement } from "sqlite3";
import type { DriverConnection, QueryMode, QueryResult } from "../connection";

const statementCacheSize = 500;

/**
 * sqlite3 has no array mode: a row comes as an object, whose integer-like keys ("2024") come first
 * whatever their place in the select list. Values are read by the column names the compiler
 * reported; without them (raw SQL) in the object's order, right unless a name looks like a number.
 */
function asArray(row: Record<string, unknown>, columns: readonly string[] | undefined): unknown[] {
  return columns === undefined ? Object.values(row) : columns.map((c) => row[c]);
}

/**
 * The `sqlite` package over sqlite3: asynchronous, runs queries on libuv's thread pool. Queries
 * use sqlite3's statements directly, prepared once per SQL text and reused (the `sqlite` wrapper
 * would prepare on every call, which costs more than a primary-key lookup itself).
 */
export class Sqlite3Connection implements DriverConnection {
  private readonly statements = new Map<string, Statement>();
  /** The statement timeout in ms set by withTimeout(), if any. */
  private timeout: number | undefined;

  constructor(
    readonly db: Database,
    /** A connection opened only to stream one query, so its statement may stay open between chunks. */
    private readonly dedicated = false,
  ) {}

  private prepare(sql: string): Promise<Statement> {
    const cached = this.statements.get(sql);
    if (cached !== undefined) return Promise.resolve(cached);
    return new Promise((resolve, reject) => {
      const statement: Statement = this.db.getDatabaseInstance().prepare(sql, (error: Error | null) => {
        if (error) return reject(error);
        if (this.statements.size >= statementCacheSize) {
          const oldest = this.statements.keys().next().value!;
          this.statements.get(oldest)!.finalize();
          this.statements.delete(oldest);
        }
        this.statements.set(sql, statement);
        resolve(statement);
      });
    });
  }

  /** Steps through the rows on a dedicated connection; on the shared one, reads them at once and hands out chunks. */
  async *stream(
    sql: string,
    params: readonly unknown[],
    size: number,
    columns?: readonly string[],
  ): AsyncGenerator<unknown[][]> {
    if (!this.dedicated) {
      const rows = (await this.query(sql, params, "arrays", undefined, columns)).rows as unknown[][];
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
      return;
    }
    const statement = await this.db.prepare(sql, ...params);
    try {
      let chunk: unknown[][] = [];
      for (;;) {
        const row = await statement.get<Record<string, unknown>>();
        if (row === undefined) break;
        chunk.push(asArray(row, columns));
        if (chunk.length === size) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    } finally {
      await statement.finalize();
    }
  }

  // The statement runs on libuv's thread pool, so the main thread can interrupt it: it then fails
  // with SQLITE_INTERRUPT (a QueryTimeoutError), as PostgreSQL's statement_timeout cancels one.
  query(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
    columns?: readonly string[],
  ): Promise<QueryResult> {
    if (this.timeout === undefined) return this.runStatement(sql, params, mode, columns);
    const timer = setTimeout(() => this.db.getDatabaseInstance().interrupt(), this.timeout);
    return this.runStatement(sql, params, mode, columns).finally(() => clearTimeout(timer));
  }

  /** Interrupts any statement of `fn` that runs longer than `ms`. */
  async withTimeout<TResult>(ms: number, fn: () => Promise<TResult>): Promise<TResult> {
    const previous = this.timeout;
    this.timeout = ms;
    try {
      return await fn();
    } finally {
      this.timeout = previous;
    }
  }

  // A statement that failed mid-step stays active until reset, and an active statement keeps its
  // read snapshot: a transaction's ROLLBACK would then fail with SQLITE_BUSY, leaving it open.
  private async runStatement(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    columns?: readonly string[],
  ): Promise<QueryResult> {
    const statement = await this.prepare(sql);
    try {
      return await this.step(statement, params, mode, columns);
    } catch (error) {
      await new Promise<void>((resolve) => statement.reset(() => resolve()));
      throw error;
    }
  }

  private async step(
    statement: Statement,
    params: readonly unknown[],
    mode: QueryMode,
    columns?: readonly string[],
  ): Promise<QueryResult> {
    if (mode === "run") {
      const changes = await new Promise<number>((resolve, reject) =>
        statement.run(params as unknown[], function (this: { changes: number }, error: Error | null) {
          if (error) reject(error);
          else resolve(this.changes);
        }),
      );
      return { rows: [], rowCount: changes };
    }
    const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) =>
      statement.all(params as unknown[], (error: Error | null, result: Record<string, unknown>[]) =>
        error ? reject(error) : resolve(result),
      ),
    );
    const arrays = mode === "arrays" || mode === "row";
    return { rows: arrays ? rows.map((r) => asArray(r, columns)) : rows, rowCount: rows.length };
  }

  /** Finalizes the cached statements (SQLite refuses to close with any left), then closes. */
  async close(): Promise<void> {
    await Promise.all(
      [...this.statements.values()].map((s) => new Promise<void>((resolve) => s.finalize(() => resolve()))),
    );
    this.statements.clear();
    await this.db.close();
  }
}
