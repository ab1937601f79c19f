import { integerOutOfRange } from "../../../errors/factories";
import { valueKind, type DataType } from "../../ast/data-type";
import type { Decoder, DialectCapabilities } from "../dialect";
import { PostgresDialect } from "../postgres/dialect";
import { CockroachCompiler } from "./compiler";

/**
 * An INT8 read where the value is typed `number` (Integer and Serial columns, and arithmetic on
 * them): node-postgres hands INT8 over as text, which becomes a number when it fits exactly and an
 * error otherwise, never a rounded number. A value that is already a number (INT2, INT4) passes.
 */
const toSafeNumber: Decoder = (v) => {
  if (typeof v !== "string") return v;
  const value = Number(v);
  if (!Number.isSafeInteger(value)) throw integerOutOfRange(v);
  return value;
};
const toSafeNumbers: Decoder = (v) =>
  Array.isArray(v) ? v.map((e: unknown) => (e === null ? null : toSafeNumber(e))) : v;

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

  // CockroachDB's INTEGER is 8 bytes: its values (and sums, products…) arrive as INT8 text.
  override decoder(type: DataType): Decoder | undefined {
    if (valueKind(type) === "integer") return toSafeNumber;
    if (type.kind === "array" && type.element !== undefined && valueKind(type.element) === "integer")
      return toSafeNumbers;
    return super.decoder(type);
  }
}
