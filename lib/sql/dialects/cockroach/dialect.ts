import type { DialectCapabilities } from "../dialect";
import { PostgresDialect } from "../postgres/dialect";
import { CockroachCompiler } from "./compiler";

/**
 * The CockroachDB dialect: PostgreSQL's, with CockroachDB's DDL (see CockroachCompiler), a lock
 * table for the migration lock and 64-bit default keys. Errors carry PostgreSQL's SQLSTATE codes
 * (40001 for a transaction CockroachDB asks to restart), so PostgreSQL's classification applies.
 */
export class CockroachDialect extends PostgresDialect {
  override readonly name = "cockroach";
  override readonly capabilities: DialectCapabilities = {
    ...new PostgresDialect().capabilities,
    lockTable: true,
    int64Keys: true,
  };
  override readonly compiler = new CockroachCompiler();
}
