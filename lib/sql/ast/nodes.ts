import type { ColumnType } from "../../columns/column-type";

/** A table in FROM/JOIN/DDL position. */
export interface TableNode {
  readonly kind: "table";
  readonly name: string;
  readonly schema?: string | undefined;
  readonly alias?: string | undefined;
}

/** A column of a table (or of a join alias). */
export interface ColumnNode {
  readonly kind: "column";
  readonly table: string;
  readonly name: string;
  /** The column's logical type: the dialect uses it to read the value back. */
  readonly type: ColumnType<unknown>;
}

/** A bound parameter; `type` tells the dialect how to encode it. */
export interface ValueNode {
  readonly kind: "value";
  readonly value: unknown;
  readonly type?: ColumnType<unknown> | undefined;
}

/** Comparison and arithmetic operators every dialect spells the same way. */
export type BinaryOperator = "=" | "<>" | ">" | ">=" | "<" | "<=" | "LIKE" | "NOT LIKE" | "+" | "-" | "*" | "/" | "||";

/** `left op right`. */
export interface BinaryNode {
  readonly kind: "binary";
  readonly op: BinaryOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

/** Case-insensitive LIKE: native on PostgreSQL, emulated on SQLite. */
export interface ILikeNode {
  readonly kind: "ilike";
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  readonly negated: boolean;
}

/** `x IN (…)` / `x NOT IN (…)`; an empty list is always false (or true when negated). */
export interface InNode {
  readonly kind: "in";
  readonly left: ExpressionNode;
  readonly values: readonly ExpressionNode[];
  readonly negated: boolean;
}

/** `x IN (SELECT …)` / `x NOT IN (SELECT …)`. */
export interface InSubqueryNode {
  readonly kind: "inSubquery";
  readonly left: ExpressionNode;
  readonly query: SelectNode;
  readonly negated: boolean;
}

/** `x IS NULL` / `x IS NOT NULL`. */
export interface IsNullNode {
  readonly kind: "isNull";
  readonly operand: ExpressionNode;
  readonly negated: boolean;
}

/** `x BETWEEN low AND high`. */
export interface BetweenNode {
  readonly kind: "between";
  readonly operand: ExpressionNode;
  readonly low: ExpressionNode;
  readonly high: ExpressionNode;
}

/** `a AND b AND …` or `a OR b OR …`. */
export interface LogicalNode {
  readonly kind: "and" | "or";
  readonly items: readonly ExpressionNode[];
}

/** `NOT x`. */
export interface NotNode {
  readonly kind: "not";
  readonly operand: ExpressionNode;
}

/** A function call such as `count(*)` or `lower(x)`; the name is from a fixed list, never user text. */
export interface FunctionNode {
  readonly kind: "function";
  readonly name: string;
  readonly args: readonly ExpressionNode[];
  /** `count(DISTINCT x)`. */
  readonly distinct?: boolean;
}

/** `CAST(x AS type)`, the type named by the dialect. */
export interface CastNode {
  readonly kind: "cast";
  readonly expr: ExpressionNode;
  readonly type: ColumnType<unknown>;
}

/** A part of a date or time: `EXTRACT(YEAR FROM x)` on PostgreSQL, strftime() on SQLite. */
export interface ExtractNode {
  readonly kind: "extract";
  readonly part: "year" | "month" | "day" | "hour" | "minute" | "second" | "dow" | "doy" | "epoch";
  readonly expr: ExpressionNode;
}

/** Text concatenation in which NULL counts as empty text, as PostgreSQL's concat() does. */
export interface ConcatNode {
  readonly kind: "concat";
  readonly args: readonly ExpressionNode[];
}

/** `round(x, digits)`: PostgreSQL rounds only numerics with digits, so it casts first. */
export interface RoundNode {
  readonly kind: "round";
  readonly expr: ExpressionNode;
  readonly digits: number;
}

/** A named parameter, bound later by `bind()`. */
export interface ParamNode {
  readonly kind: "param";
  readonly name: string;
}

/** `*`, only inside `count(*)`. */
export interface StarNode {
  readonly kind: "star";
}

/** User-written SQL with `{}` placeholders for its bound parameters. */
export interface RawNode {
  readonly kind: "raw";
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** `EXISTS (subquery)`. */
export interface ExistsNode {
  readonly kind: "exists";
  readonly query: SelectNode;
}

/** `array @> values`: the array holds every one of the values (PostgreSQL; emulated with json_each on SQLite). */
export interface ArrayContainsNode {
  readonly kind: "arrayContains";
  readonly array: ExpressionNode;
  readonly values: ExpressionNode;
}

/** `value = ANY (array)` / `value = ALL (array)` (PostgreSQL; emulated with json_each on SQLite). */
export interface ArrayQuantifiedNode {
  readonly kind: "arrayQuantified";
  readonly quantifier: "any" | "all";
  readonly value: ExpressionNode;
  readonly array: ExpressionNode;
}

/** `left || right` on arrays: their concatenation (PostgreSQL; rebuilt with json_group_array on SQLite). */
export interface ArrayConcatNode {
  readonly kind: "arrayConcat";
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
  /** The array column type, for the cast PostgreSQL needs and for encoding. */
  readonly type: ColumnType<unknown>;
}

/** `json -> key -> …` (a JSON value) or `json -> … ->> key` (text); keys are object keys or array indexes. */
export interface JsonAccessNode {
  readonly kind: "jsonAccess";
  readonly operand: ExpressionNode;
  readonly path: readonly (string | number)[];
  readonly asText: boolean;
}

/**
 * `json @> value`: JSONB containment. The value is kept as data, not only as a parameter, because
 * SQLite has no such operator and its emulation follows the value's structure.
 */
export interface JsonContainsNode {
  readonly kind: "jsonContains";
  readonly operand: ExpressionNode;
  readonly value: ValueNode;
}

/**
 * The values of one expression over the rows related through an M2M join table, as an array in
 * the order of `query`'s ORDER BY: PostgreSQL `ARRAY(SELECT …)`, SQLite `json_group_array(… ORDER BY …)`.
 */
export interface RelatedArrayNode {
  readonly kind: "relatedArray";
  /** A correlated select of exactly one expression, with its ORDER BY. */
  readonly query: SelectNode;
  /** The element's type, which decides how each dialect carries it inside the array. */
  readonly element: ColumnType<unknown>;
}

/** `(a, b)`: a row value, compared with a subquery's rows over a composite key. */
export interface TupleNode {
  readonly kind: "tuple";
  readonly items: readonly ExpressionNode[];
}

/** Any expression. */
export type ExpressionNode =
  | ColumnNode
  | ValueNode
  | BinaryNode
  | ILikeNode
  | InNode
  | InSubqueryNode
  | IsNullNode
  | BetweenNode
  | LogicalNode
  | NotNode
  | FunctionNode
  | ExcludedNode
  | ParamNode
  | CastNode
  | ExtractNode
  | ConcatNode
  | RoundNode
  | StarNode
  | RawNode
  | ExistsNode
  | ArrayContainsNode
  | ArrayQuantifiedNode
  | ArrayConcatNode
  | JsonAccessNode
  | JsonContainsNode
  | RelatedArrayNode
  | TupleNode
  | DialectSqlNode;

/**
 * SQL text stored per dialect (a check or partial-index condition replayed from a migration file):
 * each dialect renders its own text, in parentheses.
 */
export interface DialectSqlNode {
  readonly kind: "dialectSql";
  readonly sql: Readonly<Record<"postgres" | "sqlite", string>>;
}

/** An expression in a select list, with the output name it gets. */
export interface SelectionNode {
  readonly expr: ExpressionNode;
  readonly alias?: string | undefined;
}

/** `LEFT JOIN table AS alias ON …`. */
export interface JoinNode {
  readonly kind: "join";
  readonly table: TableNode;
  readonly on: ExpressionNode;
}

/** One ORDER BY item. */
export interface OrderByNode {
  readonly expr: ExpressionNode;
  readonly direction: "asc" | "desc";
  readonly nulls?: "first" | "last" | undefined;
}

/** `SELECT [DISTINCT] … FROM … [JOIN …] WHERE … ORDER BY … LIMIT … OFFSET …`. */
export interface SelectNode {
  readonly kind: "select";
  readonly from: TableNode;
  readonly joins: readonly JoinNode[];
  readonly selections: readonly SelectionNode[];
  readonly where?: ExpressionNode | undefined;
  readonly orderBy: readonly OrderByNode[];
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  readonly distinct: boolean;
  readonly groupBy?: readonly ExpressionNode[] | undefined;
  /** `DISTINCT ON (…)`, PostgreSQL only. */
  readonly distinctOn?: readonly ExpressionNode[] | undefined;
  /** `FOR UPDATE` and friends, PostgreSQL only. */
  readonly lock?: LockNode | undefined;
}

/** Row locks taken by a select inside a transaction. */
export interface LockNode {
  readonly mode: "update" | "no key update" | "share" | "key share";
  readonly wait: "wait" | "nowait" | "skip locked";
  readonly of: readonly TableNode[];
}

/** `INSERT INTO table (…) VALUES (…), … RETURNING …`. */
export interface InsertNode {
  readonly kind: "insert";
  readonly table: TableNode;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly ExpressionNode[])[];
  readonly returning: readonly SelectionNode[];
  readonly onConflict?: OnConflictNode | undefined;
}

/** `ON CONFLICT (target) DO NOTHING | DO UPDATE SET …` (PostgreSQL and SQLite spell it alike). */
export interface OnConflictNode {
  readonly target: readonly string[];
  readonly set: readonly (readonly [string, ExpressionNode])[] | undefined;
}

/** `EXCLUDED."column"`: the value an upsert tried to insert. */
export interface ExcludedNode {
  readonly kind: "excluded";
  readonly column: string;
}

/** `UPDATE table SET … WHERE … RETURNING …`. */
export interface UpdateNode {
  readonly kind: "update";
  readonly table: TableNode;
  readonly set: readonly (readonly [string, ExpressionNode])[];
  readonly where?: ExpressionNode | undefined;
  readonly returning: readonly SelectionNode[];
}

/** `DELETE FROM table WHERE … RETURNING …`. */
export interface DeleteNode {
  readonly kind: "delete";
  readonly table: TableNode;
  readonly where?: ExpressionNode | undefined;
  readonly returning: readonly SelectionNode[];
}

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
  readonly type: ColumnType<unknown>;
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
  | { readonly kind: "alterColumnType"; readonly name: string; readonly type: ColumnType<unknown> }
  | { readonly kind: "setNotNull"; readonly name: string; readonly notNull: boolean }
  | { readonly kind: "setDefault"; readonly name: string; readonly default?: ValueNode | undefined; readonly now?: ColumnType<unknown> | undefined }
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

/** A statement the compiler can render. */
export type StatementNode =
  | SelectNode
  | InsertNode
  | UpdateNode
  | DeleteNode
  | CreateTableNode
  | CreateIndexNode
  | DropTableNode
  | TableExistsNode
  | AlterTableNode
  | RenameTableNode
  | DropIndexNode
  | DropColumnConstraintsNode
  | InsertSelectNode
  | ForeignKeysNode
  | ForeignKeyCheckNode
  | AddConstraintNode
  | DropConstraintNode
  | CarryOverNode
  | LegacyAlterTableNode
  | TableObjectsNode
  | RawNode
  | AdvisoryLockNode;
