// Errors of alter() and the index DDL (QueryError, UnsupportedFeatureError).
import { QueryError, UnsupportedFeatureError } from "../orm-error";
import { make } from "./shared";

/** An alter() or index call whose arguments cannot be used (an empty change, a bad length or name). */
export function invalidAlter(table: string, problem: string): QueryError {
  return make(QueryError, "PICCOLO_INVALID_ALTER", `Cannot alter table ${table}: ${problem}. Nothing was changed.`);
}

/** An alter() step that would drop the primary key, or let it hold NULL. */
export function alterPrimaryKey(table: string, column: string, action: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_ALTER_PRIMARY_KEY",
    `Cannot ${action} ${table}.${column}: it is the primary key. Nothing was changed. ` +
      "Create a new table with the key you want and copy the rows over (a migration does this for you).",
  );
}

/** An added or renamed column whose name the table already has. */
export function columnExists(table: string, column: string): QueryError {
  return make(
    QueryError,
    "PICCOLO_COLUMN_EXISTS",
    `Table ${table} already has a column "${column}". Choose another name. Nothing was changed.`,
  );
}

/** An alter() step on a column the SQLite table no longer has (an earlier alter() dropped or renamed it). */
export function alterOutOfSync(table: string, column: string, inDatabase: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_ALTER_OUT_OF_SYNC",
    `Cannot alter column "${column}" of table ${table}: the database's table has no such column ` +
      `(its columns: ${inDatabase.join(", ")}). Nothing was changed. ` +
      "Update the class to match the database (alter() changes the database, not the class).",
  );
}

/** A SQLite rebuild of a table holding something the rebuild cannot recreate as it is. */
export function alterCannotCarryOver(table: string, parts: readonly string[]): QueryError {
  return make(
    QueryError,
    "PICCOLO_ALTER_CANNOT_CARRY_OVER",
    `Cannot rebuild table ${table} on SQLite: the rebuild would lose or change ${parts.join("; ")}. ` +
      "Nothing was changed. Make this change with a hand-written migration step (raw SQL) instead.",
  );
}

/** A SQLite alter() that needs a table rebuild, inside a transaction. */
export function alterRebuildInTransaction(table: string): UnsupportedFeatureError {
  return make(
    UnsupportedFeatureError,
    "PICCOLO_ALTER_REBUILD_IN_TRANSACTION",
    `This alter() of ${table} rebuilds the table on SQLite, which needs foreign keys switched off, and they can only be ` +
      "switched off outside a transaction. Run it outside the transaction. Nothing was changed.",
  );
}

/** A SQLite table rebuild that would leave rows pointing at missing rows. */
export function alterForeignKeyCheckFailed(table: string, rows: number): QueryError {
  return make(
    QueryError,
    "PICCOLO_ALTER_FOREIGN_KEY_CHECK_FAILED",
    `This alter() of ${table} would leave ${rows} row(s) pointing at missing rows (foreign key check failed); nothing was changed.`,
  );
}

/** alter() without lib/migrations loaded (its planner plugs in when the package entry is imported). */
export function schemaPlannerMissing(): QueryError {
  return make(
    QueryError,
    "PICCOLO_SCHEMA_PLANNER_MISSING",
    'alter() needs the migration planner, which the package entry loads: import from "piccolo-orm", not from a file inside it.',
  );
}
