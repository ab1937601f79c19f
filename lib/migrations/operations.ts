import type { Engine } from "../engine/engine";
import type { ColumnSchema, ConstraintSchema, IndexSchema, JsonValue } from "./schema";

/** The table an operation works on. */
export interface TableTarget {
  readonly table: string;
  readonly schema?: string | undefined;
}

/** Creates a table with its columns and constraints (and an index per `index: true` column and per declared index). */
export interface CreateTableOperation extends TableTarget {
  readonly op: "createTable";
  readonly columns: readonly ColumnSchema[];
  readonly constraints?: readonly ConstraintSchema[] | undefined;
  readonly indexes?: readonly IndexSchema[] | undefined;
}

/** Adds a unique or check constraint to a table (SQLite: by table rebuild). */
export interface AddConstraintOperation extends TableTarget {
  readonly op: "addConstraint";
  readonly constraint: ConstraintSchema;
}

/** Drops a table constraint by name (SQLite: by table rebuild). */
export interface DropConstraintOperation extends TableTarget {
  readonly op: "dropConstraint";
  readonly name: string;
}

/** Creates an index declared on the table. */
export interface AddIndexOperation extends TableTarget {
  readonly op: "addIndex";
  readonly index: IndexSchema;
}

/** Drops an index declared on the table, by name. */
export interface DropIndexOperation extends TableTarget {
  readonly op: "dropIndex";
  readonly name: string;
}

/** Drops a table. */
export interface DropTableOperation extends TableTarget {
  readonly op: "dropTable";
}

/** Renames a table; its rows stay. */
export interface RenameTableOperation extends TableTarget {
  readonly op: "renameTable";
  readonly to: string;
}

/** Adds a column; a NOT NULL one fills existing rows with `backfill` (its default, or its type's). */
export interface AddColumnOperation extends TableTarget {
  readonly op: "addColumn";
  readonly column: ColumnSchema;
  readonly backfill?: JsonValue | undefined;
}

/** Drops a column. */
export interface DropColumnOperation extends TableTarget {
  readonly op: "dropColumn";
  readonly column: string;
}

/** Renames a column; its values stay. */
export interface RenameColumnOperation extends TableTarget {
  readonly op: "renameColumn";
  readonly column: string;
  readonly to: string;
}

/** Gives a column a new definition (type, null, default, unique, index, foreign key); NULLs become `backfill` when it turns NOT NULL. */
export interface AlterColumnOperation extends TableTarget {
  readonly op: "alterColumn";
  readonly column: ColumnSchema;
  readonly backfill?: JsonValue | undefined;
}

/** Runs SQL written by hand (data migrations); `{}` placeholders take `params`. The schema snapshot ignores it. */
export interface SqlOperation {
  readonly op: "sql";
  readonly sql: string;
  readonly params?: readonly JsonValue[] | undefined;
}

/**
 * A step written in JavaScript (Piccolo's `add_raw`): `run` gets the engine and runs inside the
 * migration's transaction, so its queries commit or roll back with the rest. The schema snapshot
 * ignores it. A migration whose forwards holds a raw step cannot go backwards unless its backwards
 * holds one too (`run: async () => {}` when there is nothing to undo).
 */
export interface RawOperation {
  readonly op: "raw";
  readonly run: (db: Engine) => unknown;
  /** What the step does, shown by `--preview`, `backwards` and in errors. */
  readonly description?: string | undefined;
}

/** One step of a migration: plain data, readable and editable in the migration file (a raw step holds a function). */
export type Operation =
  | CreateTableOperation
  | DropTableOperation
  | RenameTableOperation
  | AddColumnOperation
  | DropColumnOperation
  | RenameColumnOperation
  | AlterColumnOperation
  | AddConstraintOperation
  | DropConstraintOperation
  | AddIndexOperation
  | DropIndexOperation
  | SqlOperation
  | RawOperation;

/** What a migration file exports as its default: its id, app, dependencies and both directions. */
export interface Migration {
  /** A sortable timestamp, unique within the app, e.g. "2025-06-01T12:00:00:123456". */
  readonly id: string;
  readonly app: string;
  readonly description?: string | undefined;
  /** Migrations of other apps that must run first, as "app:id". */
  readonly dependencies?: readonly string[] | undefined;
  readonly forwards: readonly Operation[];
  readonly backwards: readonly Operation[];
}

/** Declares a migration with its type checked: `export default defineMigration({ id, app, forwards, backwards })`. */
export function defineMigration(migration: Migration): Migration {
  return migration;
}
