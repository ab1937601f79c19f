import type BetterSqlite3 from "better-sqlite3";
import { timeoutNotSupported } from "../../errors/factories";
import { numericArithmetic, numericFunctions, numericSum } from "../../sql/dialects/sqlite/numeric";
import type { DriverConnection, QueryMode, QueryResult } from "../connection";

const statementCacheSize = 500;

/** Registers the exact Numeric arithmetic and sum that SQLite lacks (see lib/sql/dialects/sqlite/numeric.ts). */
export function registerNumericFunctions(db: BetterSqlite3.Database): void {
  const options = { deterministic: true, safeIntegers: true };
  db.function(numericFunctions.add, options, numericArithmetic.add);
  db.function(numericFunctions.subtract, options, numericArithmetic.subtract);
  db.function(numericFunctions.multiply, options, numericArithmetic.multiply);
  db.function(numericFunctions.encode, options, numericArithmetic.encode);
  db.aggregate(numericFunctions.sum, {
    ...options,
    start: numericSum.start,
    step: numericSum.step,
    result: numericSum.result,
  });
}

function isBusy(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "SQLITE_BUSY";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * better-sqlite3: synchronous, so each query runs to completion without yielding. A statement
 * that meets another connection's lock fails with SQLITE_BUSY having done nothing, so it is
 * retried after short sleeps (the event loop keeps running) until `busyTimeout` has passed.
 */
export class BetterSqlite3Connection implements DriverConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly db: BetterSqlite3.Database,
    private readonly busyTimeout: number,
    /** A connection opened only to stream one query, so its statement may stay open between chunks. */
    private readonly dedicated = false,
  ) {}

  /**
   * Steps through the rows on a dedicated connection. On the shared connection (inside a
   * transaction) no other statement could run while one is open, so the rows are read at once
   * and handed out in chunks.
   */
  async *stream(sql: string, params: readonly unknown[], size: number): AsyncGenerator<unknown[][]> {
    const statement = this.prepare(sql).raw(true);
    if (!this.dedicated) {
      const rows = statement.all(...params) as unknown[][];
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
      return;
    }
    let chunk: unknown[][] = [];
    for (const row of statement.iterate(...params) as IterableIterator<unknown[]>) {
      chunk.push(row);
      if (chunk.length === size) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }

  query(sql: string, params: readonly unknown[], mode: QueryMode): QueryResult | Promise<QueryResult> {
    try {
      return this.run(sql, params, mode);
    } catch (error) {
      if (isBusy(error) && this.busyTimeout > 0) return this.retryWhileBusy(sql, params, mode, error);
      throw error;
    }
  }

  private async retryWhileBusy(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    error: unknown,
  ): Promise<QueryResult> {
    const deadline = Date.now() + this.busyTimeout;
    for (let wait = 1; Date.now() < deadline; wait = Math.min(wait * 2, 25)) {
      await sleep(wait);
      try {
        return this.run(sql, params, mode);
      } catch (retryError) {
        if (!isBusy(retryError)) throw retryError;
        error = retryError;
      }
    }
    throw error;
  }

  private run(sql: string, params: readonly unknown[], mode: QueryMode): QueryResult {
    const statement = this.prepare(sql);
    if (!statement.reader) {
      const info = statement.run(...params);
      return { rows: [], rowCount: info.changes };
    }
    if (mode === "row") {
      const row: unknown = statement.raw(true).get(...params);
      return row === undefined ? { rows: [], rowCount: 0 } : { rows: [row], rowCount: 1 };
    }
    const rows = statement.raw(mode === "arrays").all(...params);
    return { rows, rowCount: rows.length };
  }

  private prepare(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= statementCacheSize) this.statements.delete(this.statements.keys().next().value!);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** better-sqlite3 runs a statement synchronously to its end: nothing can interrupt it. */
  withTimeout<TResult>(): Promise<TResult> {
    return Promise.reject(timeoutNotSupported("better-sqlite3"));
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
