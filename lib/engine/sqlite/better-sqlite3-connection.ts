import type BetterSqlite3 from "better-sqlite3";
import type { DriverConnection, QueryMode, QueryResult } from "../connection";

const statementCacheSize = 500;

/** better-sqlite3: synchronous, so each query runs to completion without yielding. */
export class BetterSqlite3Connection implements DriverConnection {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(readonly db: BetterSqlite3.Database) {}

  query(sql: string, params: readonly unknown[], mode: QueryMode): QueryResult {
    const statement = this.prepare(sql);
    if (!statement.reader) {
      const info = statement.run(...params);
      return { rows: [], rowCount: info.changes };
    }
    const rows = statement.raw(mode === "arrays").all(...params) as unknown[];
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

  close(): void {
    this.statements.clear();
    this.db.close();
  }
}
