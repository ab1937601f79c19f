/**
 * How a statement's result is wanted: rows as arrays, rows as objects, or only the change count.
 * `row` is `arrays` for a statement that returns one row at most (a one-row INSERT … RETURNING):
 * better-sqlite3 runs such a write about twice as fast with `get()` as with `all()`.
 */
export type QueryMode = "arrays" | "row" | "objects" | "run";

/** Rows (in the requested shape) and the number of rows returned or changed. */
export interface QueryResult {
  readonly rows: unknown[];
  readonly rowCount: number;
}

/** One open database connection, as each driver adapter exposes it. */
export interface DriverConnection {
  /** `columns`: the result's column names in order, when the compiler knows them (see CompiledQuery). */
  query(
    sql: string,
    params: readonly unknown[],
    mode: QueryMode,
    name?: string,
    columns?: readonly string[],
  ): Promise<QueryResult> | QueryResult;
  /** Reads a query's rows (as arrays) in chunks, holding at most one chunk in memory. */
  stream(
    sql: string,
    params: readonly unknown[],
    size: number,
    columns?: readonly string[],
  ): AsyncIterable<unknown[][]>;
  /**
   * Runs `fn` (statements on this connection, inside a transaction) with a statement timeout of
   * `ms`, then restores the previous one. `run` sends setting statements with errors converted.
   * A driver that cannot interrupt a statement throws `UnsupportedFeatureError`.
   */
  withTimeout<TResult>(
    ms: number,
    fn: () => Promise<TResult>,
    run: (sql: string, params: readonly unknown[]) => Promise<QueryResult>,
  ): Promise<TResult>;
}

/** A connection lent to a transaction, and how to give it back. */
export interface LeasedConnection {
  readonly connection: DriverConnection;
  release(error?: Error): void;
}
