import type { Database } from "sqlite";
import type { DriverConnection, QueryMode, QueryResult } from "../connection";

/** The `sqlite` package over sqlite3: asynchronous, runs queries on libuv's thread pool. */
export class Sqlite3Connection implements DriverConnection {
  constructor(
    readonly db: Database,
    /** A connection opened only to stream one query, so its statement may stay open between chunks. */
    private readonly dedicated = false,
  ) {}

  /** Steps through the rows on a dedicated connection; on the shared one, reads them at once and hands out chunks. */
  async *stream(sql: string, params: readonly unknown[], size: number): AsyncGenerator<unknown[][]> {
    if (!this.dedicated) {
      const rows = (await this.query(sql, params, "arrays")).rows as unknown[][];
      for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
      return;
    }
    const statement = await this.db.prepare(sql, ...params);
    try {
      let chunk: unknown[][] = [];
      for (;;) {
        const row = (await statement.get()) as Record<string, unknown> | undefined;
        if (row === undefined) break;
        chunk.push(Object.values(row));
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

  async query(sql: string, params: readonly unknown[], mode: QueryMode): Promise<QueryResult> {
    if (mode === "run") {
      const result = await this.db.run(sql, ...params);
      return { rows: [], rowCount: result.changes ?? 0 };
    }
    const rows = (await this.db.all(sql, ...params)) as Record<string, unknown>[];
    // sqlite3 has no array mode; selections carry unique aliases, so values keep their order.
    return { rows: mode === "arrays" ? rows.map((r) => Object.values(r)) : rows, rowCount: rows.length };
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
