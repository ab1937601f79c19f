// Schema statements: DDL, catalogue queries and the steps of a SQLite table rebuild.
import type { DataType } from "./data-type";
import type { ExpressionNode, TableNode, ValueNode } from "./expression";

/** A foreign-key clause of a column definition. */
export interface ReferencesNode {
  readonly table: TableNode;
  readonly column: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

/** What happens to referencing rows when the referenced row changes. */
export type ReferentialAction = "cascade" | "restrict" | "no action" | "set null" | "set default";

/** A column in CREATE TABLE. */
export interface ColumnDefinitionNode {
  readonly name: string;
  readonly type: DataType;
  readonly primaryKey: boolean;
  readonly notNull: boolean;
  readonly unique: boolean;
  /** A constant default; function defaults are applied client-side on insert instead. */
  readonly default?: ValueNode | undefined;
  /** The database's own current date/time as the default (`default: now`), by the column's type. */
  readonly defaultNow?: boolean | undefined;
  readonly references?: ReferencesNode | undefined;
}

/** A table-level constraint of CREATE TABLE or ADD CONSTRAINT: a composite unique or a check. */
export type TableConstraintNode =
  | { readonly kind: "unique"; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: "check"; readonly name: string; readonly condition: ExpressionNode };

/** `ALTER TABLE table ADD CONSTRAINT name …` (PostgreSQL; SQLite rebuilds the table). */
export interface AddConstraintNode {
  readonly kind: "addConstraint";
  readonly table: TableNode;
  readonly constraint: TableConstraintNode;
}

/** `ALTER TABLE table DROP CONSTRAINT name` (PostgreSQL; SQLite rebuilds the table). */
export interface DropConstraintNode {
  readonly kind: "dropConstraint";
  readonly table: TableNode;
  readonly name: string;
}

/** The index methods piccolo knows; SQLite has only btree. */
export type IndexMethod = "btree" | "hash" | "gin" | "gist" | "brin";

/** `CREATE TABLE [IF NOT EXISTS] …`. */
export interface CreateTableNode {
  readonly kind: "createTable";
  readonly table: TableNode;
  readonly columns: readonly ColumnDefinitionNode[];
  readonly ifNotExists: boolean;
  /** Table-level unique and check constraints, after the columns. */
  readonly constraints?: readonly TableConstraintNode[] | undefined;
}

/** `CREATE INDEX [IF NOT EXISTS] name ON table (column)`. */
export interface CreateIndexNode {
  readonly kind: "createIndex";
  readonly name: string;
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly ifNotExists: boolean;
  /** `CREATE UNIQUE INDEX`. */
  readonly unique?: boolean | undefined;
  /** `USING method` (PostgreSQL); SQLite refuses any method but btree. */
  readonly method?: IndexMethod | undefined;
  /** A partial index's condition, rendered with literal values and bare column names. */
  readonly where?: ExpressionNode | undefined;
}

/** `DROP TABLE [IF EXISTS] …`. */
export interface DropTableNode {
  readonly kind: "dropTable";
  readonly table: TableNode;
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

/** Lists the names of a table's indexes (`name` column), sorted; each dialect knows where to look. */
export interface TableIndexesNode {
  readonly kind: "tableIndexes";
  readonly table: TableNode;
}

/** Lists a table's columns (`name`, and `notnull` true or 1 when NOT NULL) in their order in the table. */
export interface TableColumnsNode {
  readonly kind: "tableColumns";
  readonly table: TableNode;
}

/** Asks the catalogue whether a table exists; each dialect knows where to look. */
export interface TableExistsNode {
  readonly kind: "tableExists";
  readonly table: TableNode;
}

/** One change of `ALTER TABLE`; PostgreSQL renders every kind, SQLite only the first three (the rest by table rebuild). */
export type AlterActionNode =
  | { readonly kind: "addColumn"; readonly column: ColumnDefinitionNode }
  | { readonly kind: "dropColumn"; readonly name: string }
  | { readonly kind: "renameColumn"; readonly from: string; readonly to: string }
  | { readonly kind: "alterColumnType"; readonly name: string; readonly type: DataType }
  | { readonly kind: "setNotNull"; readonly name: string; readonly notNull: boolean }
  | {
      readonly kind: "setDefault";
      readonly name: string;
      readonly default?: ValueNode | undefined;
      readonly now?: DataType | undefined;
    }
  | { readonly kind: "addUnique"; readonly name: string }
  | { readonly kind: "addForeignKey"; readonly name: string; readonly references: ReferencesNode }
  | { readonly kind: "addPrimaryKey"; readonly columns: readonly string[] };

/** `ALTER TABLE table <action>`: one action per statement, as SQLite requires. */
export interface AlterTableNode {
  readonly kind: "alterTable";
  readonly table: TableNode;
  readonly action: AlterActionNode;
}

/** `ALTER TABLE table RENAME TO to`. */
export interface RenameTableNode {
  readonly kind: "renameTable";
  readonly table: TableNode;
  readonly to: string;
  /** The table's Serial columns: CockroachDB's own sequences for them are renamed with the table. */
  readonly serialColumns?: readonly string[];
}

/** `DROP INDEX [IF EXISTS] name` (schema-qualified on PostgreSQL). */
export interface DropIndexNode {
  readonly kind: "dropIndex";
  readonly name: string;
  readonly schema?: string | undefined;
  readonly ifExists: boolean;
}

/** Drops a column's UNIQUE, FOREIGN KEY or PRIMARY KEY constraints whatever they are named (PostgreSQL looks them up in its catalogue). */
export interface DropColumnConstraintsNode {
  readonly kind: "dropColumnConstraints";
  readonly table: TableNode;
  readonly column: string;
  readonly constraint: "unique" | "foreignKey" | "primaryKey";
}

/** `INSERT INTO table (columns) SELECT values FROM from`: copies rows, as a table rebuild does. */
export interface InsertSelectNode {
  readonly kind: "insertSelect";
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly values: readonly ExpressionNode[];
  readonly from: TableNode;
}

/**
 * A step of a SQLite table rebuild that is not SQL: "save" reads the indexes and triggers that
 * sqlite_master holds for the table (other than the `managed` ones piccolo makes), "restore" creates them again after
 * the rebuilt table took the old one's name. Ones that name a dropped column are skipped.
 */
export interface CarryOverNode {
  readonly kind: "carryOver";
  readonly phase: "save" | "restore";
  readonly table: TableNode;
  /** Index names piccolo manages for the table (before or after): the rebuild creates or leaves them itself. */
  readonly managed: readonly string[];
  /** Columns the rebuild drops. */
  readonly dropped: readonly string[];
}

/**
 * Renames without checking or rewriting other views and triggers (SQLite's `PRAGMA
 * legacy_alter_table`): a rebuild's rename must not fail on a view of the table it just dropped.
 */
export interface LegacyAlterTableNode {
  readonly kind: "legacyAlterTable";
  readonly enabled: boolean;
}

/** Lists a table's indexes and triggers with their SQL (SQLite's sqlite_master). */
export interface TableObjectsNode {
  readonly kind: "tableObjects";
  readonly table: TableNode;
}

/** Turns enforcement of foreign keys on or off for the connection (SQLite's `PRAGMA foreign_keys`). */
export interface ForeignKeysNode {
  readonly kind: "foreignKeys";
  readonly enabled: boolean;
}

/** Lists rows that break a foreign key (SQLite's `PRAGMA foreign_key_check`); no rows means none. */
export interface ForeignKeyCheckNode {
  readonly kind: "foreignKeyCheck";
}

/** Waits for and takes a lock held until the transaction ends (PostgreSQL's `pg_advisory_xact_lock`), e.g. around migrations. */
export interface AdvisoryLockNode {
  readonly kind: "advisoryLock";
  readonly key: number;
}

/**
 * Creates the table whose rows stand in for advisory locks where the database has none that work
 * (CockroachDB): taking the lock writes the key's row, which holds it until the transaction ends.
 */
export interface LockTableNode {
  readonly kind: "lockTable";
}
