// The SQL of `piccolo fixtures dump/load`, per dialect, as raw SQL with `{}` placeholders.
import type { Dialect } from "./dialects/dialect";

/** A table's name, schema-qualified when it has one, quoted. */
export function qualifiedTable(dialect: Dialect, table: { name: string; schema?: string | undefined }): string {
  const q = dialect.compiler.quote.bind(dialect.compiler);
  return table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
}

/**
 * Reads every row of a table as the database writes its values: on PostgreSQL each column as its
 * text form (exact for every type, and what an INSERT parses back); on SQLite the stored value
 * followed by its digits when it is an integer (the driver reads integers past 2^53 as inexact
 * numbers), so each column gives two values there.
 */
export function fixtureSelect(
  dialect: Dialect,
  table: { name: string; schema?: string | undefined },
  columns: readonly string[],
  orderBy: readonly string[],
): string {
  const q = (c: string) => dialect.compiler.quote(c);
  const list = columns
    .map((c) =>
      dialect.name === "postgres"
        ? `${q(c)}::text`
        : `${q(c)}, CASE WHEN typeof(${q(c)}) = 'integer' THEN CAST(${q(c)} AS TEXT) END`,
    )
    .join(", ");
  const order = orderBy.length > 0 ? ` ORDER BY ${orderBy.map(q).join(", ")}` : "";
  return `SELECT ${list} FROM ${qualifiedTable(dialect, table)}${order}`;
}

/** A multi-row INSERT of `rows` rows of these columns. */
export function fixtureInsert(
  dialect: Dialect,
  table: { name: string; schema?: string | undefined },
  columns: readonly string[],
  rows: number,
): string {
  const tuple = `(${columns.map(() => "{}").join(", ")})`;
  const values = Array.from({ length: rows }, () => tuple).join(", ");
  return `INSERT INTO ${qualifiedTable(dialect, table)} (${columns.map((c) => dialect.compiler.quote(c)).join(", ")}) VALUES ${values}`;
}

/** Sets one column of the row with that key (a foreign key filled in after its target's rows are in). */
export function fixtureUpdate(
  dialect: Dialect,
  table: { name: string; schema?: string | undefined },
  column: string,
  key: string,
): string {
  const q = (c: string) => dialect.compiler.quote(c);
  return `UPDATE ${qualifiedTable(dialect, table)} SET ${q(column)} = {} WHERE ${q(key)} = {}`;
}

/**
 * Moves a serial column's sequence past the loaded keys (PostgreSQL, and CockroachDB's Serial
 * columns, whose sequence is `<table>_<column>_seq`; SQLite's INTEGER PRIMARY KEY follows the
 * largest key by itself, CockroachDB's BigSerial is unique_rowid()), so the next insert does not
 * collide. Its `{}` placeholders take `params`. Undefined when no reset is needed.
 */
export function fixtureSequenceReset(
  dialect: Dialect,
  table: { name: string; schema?: string | undefined },
  column: string,
  kind: "serial" | "bigserial",
): { sql: string; params: unknown[] } | undefined {
  if (dialect.name === "sqlite" || (dialect.name === "cockroach" && kind !== "serial")) return undefined;
  const q = (c: string) => dialect.compiler.quote(c);
  const name = qualifiedTable(dialect, table);
  const set = `COALESCE(MAX(${q(column)}), 1), MAX(${q(column)}) IS NOT NULL) FROM ${name}`;
  if (dialect.name === "cockroach") {
    const sequence = qualifiedTable(dialect, { name: `${table.name}_${column}_seq`, schema: table.schema });
    return { sql: `SELECT setval({}, ${set}`, params: [sequence] };
  }
  return { sql: `SELECT setval(pg_get_serial_sequence({}, {}), ${set}`, params: [name, column] };
}

/** How many bound parameters one statement may carry. */
export function maxParameters(dialect: Dialect): number {
  return dialect.name === "postgres" ? 65535 : 32766;
}
