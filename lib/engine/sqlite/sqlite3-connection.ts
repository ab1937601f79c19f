import type { Database } from "sqlite";
import type { DriverConnection, QueryMode, QueryResult } from "../connection";

/** The `sqlite` package over sqlite3: asynchronous, runs queries on libuv's thread pool. */
export class Sqlite3Connection implements DriverConnection {
  constructor(readonly db: Database) {}

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
