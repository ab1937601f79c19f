// Features an engine or this version does not have (UnsupportedFeatureError).
import { UnsupportedFeatureError } from "../orm-error";
import { make } from "./shared";

/** `dropTable({ cascade: true })` inside a transaction on SQLite, where foreign keys cannot be switched off. */
export function dropCascadeInTransaction(table: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_DROP_CASCADE_IN_TRANSACTION",
    `dropTable({ cascade: true }) of ${table} cannot run inside a transaction on SQLite: foreign keys can only be switched off ` +
      "outside one, and otherwise dropping the table would delete or null the rows that reference it. Run it outside the transaction.",
  );
}

/** A schema change the dialect cannot express as one statement (SQLite alters columns by table rebuild instead). */
export function unsupportedStatement(dialect: string, what: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_STATEMENT",
    `${dialect} cannot ${what} in place: piccolo's migration runner does it by rebuilding the table.`,
  );
}

/** An M2M array selected from a table related to itself, whose subquery could not tell the two apart. */
export function m2mSelfSelect(field: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_M2M_SELF_SELECT",
    `Selecting ${field} as an array is not supported: it relates a table to itself. Use getM2M() per row instead.`,
  );
}

/** Something that needs a single-column primary key used on a table whose key has several columns. */
export function compositeKeyUnsupported(table: string, keys: readonly string[], what: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_COMPOSITE_KEY_UNSUPPORTED",
    `${what} needs a single-column primary key, but ${table} has a composite primary key (${keys.join(", ")}).`,
  );
}

/** A Numeric operation SQLite cannot do exactly in this storage or on this driver. */
export function numericUnsupportedOnSQLite(what: string, fix: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_NUMERIC_UNSUPPORTED_ON_SQLITE",
    `SQLite cannot ${what} exactly: ${fix}. (PostgreSQL can.)`,
  );
}

/** An index method the dialect does not have (SQLite has only B-tree indexes). */
export function unsupportedIndexMethod(dialect: string, method: string, index: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_INDEX_METHOD",
    `${dialect} has no "${method}" index method (index ${index}): its indexes are all B-trees. ` +
      `Leave method out (or use "btree") for this engine.`,
  );
}

/** A JSON key SQLite's JSON path syntax cannot quote. */
export function jsonKeyWithQuote(key: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_JSON_KEY_WITH_QUOTE",
    `SQLite JSON paths cannot name a key containing a double quote (${JSON.stringify(key)}); this works on PostgreSQL only.`,
  );
}

/** lockRows({ nowait }) or lockRows({ skipLocked }) on SQLite, which locks the whole database instead. */
export function lockWaitUnsupported(wait: "nowait" | "skipLocked"): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_LOCK_WAIT_UNSUPPORTED",
    `lockRows({ ${wait} }) is only supported on PostgreSQL.`,
  );
}

/** ilike() on SQLite with a pattern that is not a string: the emulation builds a GLOB from it. */
export function ilikePatternNotString(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_ILIKE_PATTERN_NOT_STRING",
    "ilike() on SQLite needs a string pattern: it is matched with GLOB, built from the pattern.",
  );
}

/** DISTINCT ON on a dialect without it. */
export function distinctOnUnsupported(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_DISTINCT_ON_UNSUPPORTED",
    "distinct({ on }) (DISTINCT ON) is only supported on PostgreSQL.",
  );
}

/** A LIMIT or OFFSET that reached the compiler as something other than a whole number of 0 or more. */
export function invalidLimit(n: unknown): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_INVALID_LIMIT",
    `LIMIT and OFFSET take whole numbers of 0 or more, got ${String(n)}.`,
  );
}

/** An insert of several rows none of which sets a column. */
export function emptyMultiRowInsert(): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_EMPTY_MULTI_ROW_INSERT",
    "Inserting several rows that set no column at all is not supported: give at least one value.",
  );
}

/** A statement timeout on a driver that cannot interrupt a running statement (better-sqlite3). */
export function timeoutNotSupported(driver: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_TIMEOUT_NOT_SUPPORTED",
    `Statement timeouts are not supported on ${driver}: it runs each statement synchronously and cannot interrupt it. ` +
      'Use SQLiteEngine({ driver: "sqlite3" }), which interrupts the statement, or drop the timeout.',
  );
}

/** Related() over a foreign key of a table to itself. */
export function reverseSelfSelect(table: string, property: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_REVERSE_SELF_SELECT",
    `Related(${table}.c.${property}) is not supported: the key points at its own table. ` +
      "Use getReverse() per row instead.",
  );
}

/** A SQL function a dialect lacks, refused when the query compiles. */
export function unsupportedFunction(dialect: string, name: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_UNSUPPORTED_FUNCTION",
    `${dialect} has no ${name}() function: compute it in JavaScript after the query, or run the query on PostgreSQL.`,
  );
}

/** A `Serial()` column added to an existing table on CockroachDB, where its sequence would have to exist first. */
export function serialOnCockroach(column: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_SERIAL_ON_COCKROACH",
    `Column ${column} is a Serial() added to an existing table: on CockroachDB a Serial is backed by a sequence ` +
      "that CREATE TABLE makes, so it cannot be added later. Add a BigSerial() (unique_rowid(), read as a bigint) " +
      "or a UUID() column instead, or create the table with the Serial column.",
  );
}

/** `asOfSystemTime()` compiled for a database other than CockroachDB. */
export function asOfSystemTimeUnsupported(dialect: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_AS_OF_SYSTEM_TIME_UNSUPPORTED",
    `${dialect} has no AS OF SYSTEM TIME: asOfSystemTime() reads historical data on CockroachDB only. ` +
      "Run the query on a CockroachEngine, or drop asOfSystemTime().",
  );
}

/** A column type change on CockroachDB, which cannot alter a column's type inside a transaction (as migrations run). */
export function alterColumnTypeOnCockroach(column: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_ALTER_COLUMN_TYPE_ON_COCKROACH",
    `CockroachDB cannot change the type of column ${column} inside a transaction, and migrations run in one. ` +
      "Add a column of the new type, copy the values over (a raw step), and drop the old column, in separate migrations.",
  );
}

/** AtTimeZone() to a zone other than UTC on SQLite, which knows no time zone rules. */
export function timeZoneUnsupported(dialect: string, zone: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_TIME_ZONE_UNSUPPORTED",
    `${dialect} has no time zone rules, so AtTimeZone(…, ${JSON.stringify(zone)}) cannot be computed correctly there ` +
      `(offsets change with daylight saving time): convert the Date in JavaScript after the query, or run it on PostgreSQL.`,
  );
}
